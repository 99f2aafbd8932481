import { ruleTable } from '../../testing/rule-table.js';
import { windowsHostProcess } from './windows-host-process.js';

ruleTable(windowsHostProcess, {
  valid: [
    {
      name: 'ordinary Windows pod',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: iis}
        spec:
          os: {name: windows}
          securityContext:
            windowsOptions: {runAsUserName: "ContainerUser"}
          containers: [{name: iis, image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022}]
      `,
    },
    {
      name: 'hostProcess false, and a container override of the pod value',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: agent}
        spec:
          template:
            spec:
              securityContext:
                windowsOptions:
                  hostProcess: true
              containers:
                - name: agent
                  image: agent:1.0
                  securityContext:
                    windowsOptions: {hostProcess: false, runAsUserName: "NT AUTHORITY\\\\Local service"}
      `,
    },
    {
      name: 'the string "true" is not the boolean',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: iis}
        spec:
          containers:
            - name: iis
              image: iis:1.0
              securityContext: {windowsOptions: {hostProcess: "true"}}
      `,
    },
  ],
  invalid: [
    {
      name: 'pod-level hostProcess, inherited by every container, reported once',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: csi-proxy
        spec:
          template:
            spec:
              hostNetwork: true
              securityContext:
                windowsOptions:
                  hostProcess: true
                  runAsUserName: "NT AUTHORITY\\\\SYSTEM"
              containers:
                - {name: csi-proxy, image: csi-proxy:1.0}
                - name: node-exporter
                  image: windows-exporter:0.29
                  securityContext:
                    windowsOptions: {runAsUserName: "NT AUTHORITY\\\\Local service"}
      `,
      lines: [11],
      message:
        'DaemonSet "csi-proxy" sets windowsOptions.hostProcess: true in the pod securityContext, inherited by container "csi-proxy" and container "node-exporter"',
    },
    {
      name: 'container-level hostProcess, YAML 1.1 yes, in a CronJob',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cleanup}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: cleanup
                      image: cleanup:1.0
                      securityContext:
                        windowsOptions:
                          hostProcess: yes
      `,
      lines: [15],
      message: 'CronJob "cleanup" container "cleanup" sets windowsOptions.hostProcess: true',
    },
    {
      name: 'init container in a List, flow style',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: setup}
            spec:
              initContainers: [{name: prep, image: prep:1.0, securityContext: {windowsOptions: {hostProcess: true}}}]
              containers: [{name: app, image: app:1.0}]
      `,
      lines: [8],
    },
    {
      name: 'JSON Pod',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "hpc"},
          "spec": {
            "securityContext": {"windowsOptions": {"hostProcess": true, "runAsUserName": "NT AUTHORITY\\\\SYSTEM"}},
            "hostNetwork": true,
            "containers": [{"name": "hpc", "image": "hpc:1.0"}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
