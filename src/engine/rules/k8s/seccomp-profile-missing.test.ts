import { ruleTable } from '../../testing/rule-table.js';
import { seccompProfileMissing } from './seccomp-profile-missing.js';

ruleTable(seccompProfileMissing, {
  valid: [
    {
      name: 'Windows pod (host process): no seccomp profile to ask for',
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
      `,
    },
    {
      name: 'RuntimeDefault in the pod securityContext covers every container',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: securitydemo}
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 19000
                seccompProfile:
                    type: RuntimeDefault
              initContainers: [{name: setup, image: busybox:1.36}]
              containers:
                - {name: frontend, image: nginx:1.27}
                - {name: echoserver, image: registry.k8s.io/echoserver:1.4}
      `,
    },
    {
      name: 'each container sets its own profile',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: frontend
              image: nginx:1.27
              securityContext:
                seccompProfile: {type: RuntimeDefault}
            - name: tuned
              image: app:1.0
              securityContext:
                seccompProfile: {type: Localhost, localhostProfile: profiles/app.json}
      `,
    },
    {
      name: 'legacy annotations: pod runtime/default, container localhost/ and docker/default',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: legacy}
        spec:
          template:
            metadata:
              annotations:
                container.seccomp.security.alpha.kubernetes.io/app: localhost/profiles/app.json
                container.seccomp.security.alpha.kubernetes.io/sidecar: docker/default
            spec:
              containers:
                - {name: app, image: app:1.0}
                - {name: sidecar, image: envoy:1.31}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: pod-annotation
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: runtime/default
        spec:
          containers: [{name: app, image: app:1.0}]
      `,
    },
    {
      name: 'an Unconfined profile is k8s/seccomp-unconfined, not a missing one',
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
    {
      name: 'Windows pods have no seccomp',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: iis}
        spec:
          template:
            spec:
              os: {name: windows}
              containers: [{name: iis, image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: iis-pod}
        spec:
          nodeSelector:
            kubernetes.io/os: windows
          containers: [{name: iis, image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022}]
      `,
    },
  ],
  invalid: [
    {
      name: 'no pod securityContext: points at spec',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: pod-test-1
          annotations:
            seccomp.security.alpha.kubernetes.io/defaultProfileName: 'runtime/default'
        spec:
          containers:
          - name: foobar
            image: foo/bar:1.0
      `,
      lines: [7],
      message: 'Pod "pod-test-1" sets no seccomp profile for container "foobar"',
    },
    {
      name: 'one finding per workload at the pod securityContext, naming the containers left out',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: securitydemo
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 19000 # keep
              initContainers:
                - name: setup
                  image: busybox:1.36
              containers:
                - name: frontend
                  image: nginx
                  securityContext:
                    allowPrivilegeEscalation: false
                - name: echoserver
                  image: registry.k8s.io/echoserver:1.4
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault
      `,
      lines: [8],
      message: 'Deployment "securitydemo" sets no seccomp profile for container "frontend" and init container "setup"',
    },
    {
      name: 'CronJob whose template annotation is not a seccomp profile, in a List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: hello}
            spec:
              schedule: "*/1 * * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      annotations:
                        seccomp.security.alpha.kubernetes.io/pod: 'rntim/dfl'
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: hello, image: busybox:1.36}]
      `,
      lines: [15],
    },
    {
      name: 'flow-style securityContext in a second document',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            spec: {securityContext: {runAsNonRoot: true}, containers: [{name: db, image: postgres:16}]}
      `,
      lines: [10],
    },
    {
      name: 'JSON Pod with an empty securityContext',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "securityContext": {},
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [6],
    },
    {
      name: 'a seccompProfile without a type is no profile, and is not overwritten',
      fixes: false,
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: typo}
        spec:
          securityContext:
            seccompProfile: {localhostProfile: profiles/app.json}
          containers: [{name: app, image: app:1.0}]
      `,
      lines: [5],
    },
  ],
});
