import { ruleTable } from '../../testing/rule-table.js';
import { seccompUnconfined } from './seccomp-unconfined.js';

ruleTable(seccompUnconfined, {
  valid: [
    {
      name: 'Windows pod (node selector): seccomp means nothing there',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: {seccompProfile: {type: Unconfined}}
      `,
    },
    {
      name: 'RuntimeDefault at pod level, Localhost on a container, no profile at all',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                seccompProfile: {type: RuntimeDefault}
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    seccompProfile: {type: Localhost, localhostProfile: profiles/web.json}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: bare}
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'a pod-level Unconfined that every container overrides',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            seccompProfile:
              type: Unconfined
          initContainers:
            - name: setup
              image: busybox:1.36
              securityContext:
                seccompProfile: {type: RuntimeDefault}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                seccompProfile: {type: RuntimeDefault}
      `,
    },
    {
      name: 'legacy annotations: runtime/default, and a container annotation beats the pod field',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: legacy
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: runtime/default
            container.seccomp.security.alpha.kubernetes.io/sidecar: docker/default
            container.seccomp.security.alpha.kubernetes.io/ghost: unconfined
        spec:
          securityContext:
            seccompProfile: {type: Unconfined}
          containers:
            - name: sidecar
              image: envoy:1.31
              securityContext:
                seccompProfile: {type: RuntimeDefault}
      `,
    },
    {
      name: 'a PodSecurityPolicy annotation is not a pod profile',
      yaml: `
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata:
          name: permissive
          annotations:
            seccomp.security.alpha.kubernetes.io/allowedProfileNames: '*'
            seccomp.security.alpha.kubernetes.io/pod: unconfined
        spec:
          privileged: true
      `,
    },
  ],
  invalid: [
    {
      name: 'a container sets Unconfined, overriding a pod RuntimeDefault',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: securitydemo
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 19000
                seccompProfile:
                    type: RuntimeDefault
              containers:
                - name: frontend
                  image: nginx
                - name: echoserver
                  image: registry.k8s.io/echoserver:1.4
                  securityContext:
                    allowPrivilegeEscalation: false
                    seccompProfile:
                        type: Unconfined
      `,
      lines: [20],
      message: 'Deployment "securitydemo" container "echoserver" sets seccompProfile.type: Unconfined',
    },
    {
      name: 'a pod-level Unconfined is one finding naming the containers that inherit it',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: Unconfined
          initContainers:
            - {name: setup, image: busybox:1.36}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                seccompProfile: {type: RuntimeDefault}
            - name: sidecar
              image: envoy:1.31
      `,
      lines: [8],
      message:
        'Pod "web" sets seccompProfile.type: Unconfined in the pod securityContext, inherited by container "sidecar" and init container "setup"',
    },
    {
      name: 'legacy pod and container annotations',
      yaml: `
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            metadata:
              annotations:
                seccomp.security.alpha.kubernetes.io/pod: 'unconfined'
                container.seccomp.security.alpha.kubernetes.io/backup: unconfined
            spec:
              containers:
                - {name: db, image: postgres:16}
                - {name: backup, image: backup:1.0}
      `,
      lines: [8, 9],
      message: 'without seccomp confinement',
    },
    {
      name: 'flow style in a CronJob inside a List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: job, image: busybox:1.36, securityContext: {seccompProfile: {type: Unconfined}}}]
      `,
      lines: [13],
    },
    {
      name: 'JSON Pod keeps its quotes when fixed',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "securityContext": {"seccompProfile": {"type": "Unconfined"}},
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
