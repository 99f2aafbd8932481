import { ruleTable } from '../../testing/rule-table.js';
import { apparmorUnconfined } from './apparmor-unconfined.js';

ruleTable(apparmorUnconfined, {
  valid: [
    {
      name: 'Windows pod (host process): AppArmor means nothing there',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          securityContext:
            windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: {appArmorProfile: {type: Unconfined}}
      `,
    },
    {
      name: 'a localhost profile annotation and a RuntimeDefault field',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: hello-apparmor
          annotations:
            container.apparmor.security.beta.kubernetes.io/hello: localhost/k8s-apparmor-example-allow-write
        spec:
          securityContext:
            appArmorProfile: {type: RuntimeDefault}
          containers:
          - name: hello
            image: busybox:1.36
      `,
    },
    {
      name: 'a pod-level Unconfined that each container overrides, by field or annotation',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            metadata:
              annotations:
                container.apparmor.security.beta.kubernetes.io/sidecar: runtime/default
            spec:
              securityContext:
                appArmorProfile:
                  type: Unconfined
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}
                - name: sidecar
                  image: envoy:1.31
      `,
    },
    {
      name: 'unknown annotation values, and annotations for containers that do not exist',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: hello
          annotations:
            container.apparmor.security.beta.kubernetes.io/hello: dummy
            container.apparmor.security.beta.kubernetes.io/ghost: unconfined
        spec:
          containers: [{name: hello, image: busybox:1.36}]
      `,
    },
    {
      name: 'seccomp Unconfined is another rule',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            seccompProfile: {type: Unconfined}
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
  ],
  invalid: [
    {
      name: 'legacy annotation in a Deployment template',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ubuntu-test1
          namespace: testns
        spec:
          selector:
            matchLabels: {container: ubuntu-1}
          template:
            metadata:
              labels: {container: ubuntu-1}
              annotations:
                container.apparmor.security.beta.kubernetes.io/ubuntu-1-container: unconfined
            spec:
              containers:
              - name: ubuntu-1-container
                image: ubuntu:24.04
      `,
      lines: [13],
      message:
        'Deployment "ubuntu-test1" annotation container.apparmor.security.beta.kubernetes.io/ubuntu-1-container: unconfined runs container "ubuntu-1-container" without AppArmor confinement',
    },
    {
      name: 'container field, Kubernetes 1.30 style, beating a pod RuntimeDefault',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: debug}
        spec:
          securityContext:
            appArmorProfile: {type: RuntimeDefault}
          containers:
            - name: app
              image: app:1.0
          ephemeralContainers:
            - name: shell
              image: busybox:1.36
              securityContext:
                appArmorProfile:
                  type: Unconfined
      `,
      lines: [15],
      message: 'Pod "debug" ephemeral container "shell" sets appArmorProfile.type: Unconfined',
    },
    {
      name: 'a pod-level Unconfined is reported once, in a CronJob',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          schedule: "0 6 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  securityContext: {appArmorProfile: {type: Unconfined}}
                  initContainers: [{name: fetch, image: curl:8.10}]
                  containers: [{name: report, image: report:1.0}]
      `,
      lines: [10],
      message: 'inherited by container "report" and init container "fetch"',
    },
    {
      name: 'JSON, quoted annotation keeps its quotes',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "web",
            "annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}
          },
          "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}
        }
      `,
      lines: [6],
    },
  ],
});
