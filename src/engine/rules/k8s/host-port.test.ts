import { ruleTable } from '../../testing/rule-table.js';
import { hostPort } from './host-port.js';

ruleTable(hostPort, {
  valid: [
    {
      name: 'containerPort only, with hostIP',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
              ports:
                - containerPort: 80
                  hostIP: 10.0.0.1
      `,
    },
    {
      name: 'hostPort 0 is the API default (unset)',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  ports: [{containerPort: 80, hostPort: 0}]
      `,
    },
    {
      name: 'a Service port is not a hostPort',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{port: 80, targetPort: 8080, hostPort: 80}]
      `,
    },
    {
      name: 'hostPort written at pod level is not a container port',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          hostPort: 80
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
  ],
  invalid: [
    {
      name: 'Pod and Deployment (multi-document)',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: firstpod
        spec:
          containers:
          - name: container
            image: nginx
            ports:
            - containerPort: 80
              hostIP: 10.0.0.1
              hostPort: 8080
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: secondpod
        spec:
          template:
            spec:
              containers:
              - name: container2
                image: nginx
                ports:
                - containerPort: 81
                  hostPort: 8081
      `,
      lines: [12, 26],
    },
    {
      name: 'every port of every container list, flow style',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: exporter}
        spec:
          template:
            spec:
              initContainers:
                - {name: setup, image: busybox:1.36, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}
              containers:
                - name: exporter
                  image: prom/node-exporter:v1.8.0
                  ports:
                    - {containerPort: 9100, hostPort: 9100}
                    - {containerPort: 9101}
                    - {containerPort: 9102, hostPort: 9102}
      `,
      lines: [8, 13, 15],
      message: 'DaemonSet "exporter"',
    },
    {
      name: 'names the container and the port',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: debug}
        spec:
          containers: [{name: app, image: nginx:1.27}]
          ephemeralContainers:
            - name: shell
              image: busybox:1.36
              ports:
                - containerPort: 8080
                  hostPort: 18080
      `,
      lines: [11],
      message: 'Pod "debug" ephemeral container "shell" sets hostPort: 18080',
    },
    {
      name: 'JSON CronJob',
      path: 'job.json',
      yaml: `
        {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "probe"},
         "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": {
           "containers": [{"name": "probe", "image": "probe:1.0",
             "ports": [{"containerPort": 7000,
                        "hostPort": 7000}]}]}}}}}}
      `,
      lines: [5],
    },
  ],
});
