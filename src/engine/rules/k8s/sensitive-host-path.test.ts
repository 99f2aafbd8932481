import { ruleTable } from '../../testing/rule-table.js';
import { sensitiveHostPath } from './sensitive-host-path.js';

ruleTable(sensitiveHostPath, {
  valid: [
    {
      name: 'ordinary host directories',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: app, image: nginx:1.27}]
              volumes:
                - {name: logs, hostPath: {path: /var/log}}
                - {name: opt, hostPath: {path: /opt}}
                - {name: tmp, hostPath: {path: /tmp/static, type: DirectoryOrCreate}}
                - {name: look-alike, hostPath: {path: /etcetera}}
      `,
    },
    {
      name: 'runtime sockets are k8s/container-runtime-socket',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: dind}
        spec:
          containers: [{name: docker, image: docker:27}]
          volumes:
            - name: sock
              hostPath:
                path: /var/run/docker.sock
      `,
    },
    {
      name: 'PersistentVolumes are not workloads',
      yaml: `
        kind: PersistentVolume
        apiVersion: v1
        metadata: {name: pv-002}
        spec:
          capacity: {storage: 10Gi}
          hostPath:
            path: "/boot"
      `,
    },
  ],
  invalid: [
    {
      name: 'node exporter mounting /proc and /sys',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter}
        spec:
          template:
            spec:
              containers: [{name: exporter, image: prom/node-exporter:v1.8.0}]
              volumes:
                - name: proc
                  hostPath:
                    path: /proc
                    type: ""
                - name: sys
                  hostPath:
                    path: /sys
      `,
      lines: [11, 15],
      message: 'DaemonSet "node-exporter" volume "',
    },
    {
      name: 'root, trailing slashes, runtime state and /run, one finding per volume',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: escape}
        spec:
          containers: [{name: shell, image: alpine:3.20}]
          volumes:
            - {name: root, hostPath: {path: /}}
            - {name: etc, hostPath: {path: "/etc/"}}
            - {name: kubelet, hostPath: {path: /var/lib/kubelet/pods}}
            - {name: containers, hostPath: {path: /var/lib/docker/containers}}
            - {name: run, hostPath: {path: /var/run}}
            - {name: data, hostPath: {path: /srv/data}}
            - {name: sock, hostPath: {path: /run/crio/crio.sock}}
      `,
      lines: [7, 8, 9, 10, 11],
    },
    {
      name: 'names the path',
      yaml: `
        kind: Pod
        apiVersion: v1
        metadata:
          name: web-server-pod
        spec:
          volumes:
            - name: nginx-host-config
              hostPath:
                path: "/etc/nginx"
          containers:
            - name: nginx-container
              image: nginx
      `,
      lines: [9],
      message: 'Pod "web-server-pod" volume "nginx-host-config" mounts sensitive host path /etc/nginx',
    },
    {
      name: 'Knative Configuration and a JSON manifest',
      path: 'config.json',
      yaml: `
        {"apiVersion": "serving.knative.dev/v1", "kind": "Configuration",
         "metadata": {"name": "dummy-config"},
         "spec": {"template": {"spec": {
           "containers": [{"name": "evil", "image": "alpine"}],
           "volumes": [{"name": "rootdir", "hostPath": {
             "path": "/boot"}}]}}}}
      `,
      lines: [6],
    },
  ],
});
