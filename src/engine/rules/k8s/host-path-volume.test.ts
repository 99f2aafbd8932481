import { ruleTable } from '../../testing/rule-table.js';
import { hostPathVolume } from './host-path-volume.js';

ruleTable(hostPathVolume, {
  valid: [
    {
      name: 'emptyDir, configMap and PVC volumes',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: app, image: nginx:1.27}]
              volumes:
                - name: cache
                  emptyDir: {}
                - name: config
                  configMap: {name: web}
                - name: data
                  persistentVolumeClaim: {claimName: web-data}
      `,
    },
    {
      name: 'system directories and runtime sockets are left to the specific rules',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: agent}
        spec:
          containers: [{name: agent, image: agent:1.0}]
          volumes:
            - {name: etc, hostPath: {path: /etc}}
            - {name: root, hostPath: {path: /}}
            - {name: docker, hostPath: {path: /var/run/docker.sock, type: Socket}}
            - {name: kubelet, hostPath: {path: /var/lib/kubelet/pods/}}
      `,
    },
    {
      name: 'a PersistentVolume hostPath is not a workload volume',
      yaml: `
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-001}
        spec:
          capacity: {storage: 10Gi}
          accessModes: [ReadWriteOnce]
          hostPath:
            path: /mnt/data
      `,
    },
  ],
  invalid: [
    {
      name: 'DaemonSet log collector',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: fluentd
          namespace: logs
        spec:
          selector:
            matchLabels: {name: fluentd}
          template:
            metadata:
              labels: {name: fluentd}
            spec:
              containers:
                - name: fluentd
                  image: fluent/fluentd:v1.17
                  volumeMounts:
                    - {name: varlog, mountPath: /var/log}
              volumes:
                - name: varlog
                  hostPath:
                    path: /var/log
      `,
      lines: [20],
      message: 'DaemonSet "fluentd" volume "varlog" mounts host path /var/log from the node',
    },
    {
      name: 'one finding per volume: only the volumes no specific rule takes',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: mixed}
        spec:
          containers: [{name: app, image: app:1.0}]
          volumes:
            - name: data
              hostPath: {path: /data/app, type: DirectoryOrCreate}
            - name: etc
              hostPath: {path: /etc/app}
            - name: sock
              hostPath: {path: /run/containerd/containerd.sock}
            - name: lib
              hostPath: {path: /var/lib/app}
      `,
      lines: [8, 14],
    },
    {
      name: 'hostPath without a path',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: odd}
        spec:
          containers: [{name: app, image: app:1.0}]
          volumes:
            - name: nothing
              hostPath: {}
      `,
      lines: [8],
      message: 'volume "nothing" mounts a hostPath from the node',
    },
    {
      name: 'CronJob in JSON',
      path: 'cleanup.json',
      yaml: `
        {
          "apiVersion": "batch/v1",
          "kind": "CronJob",
          "metadata": {"name": "cleanup"},
          "spec": {
            "schedule": "0 3 * * *",
            "jobTemplate": {"spec": {"template": {"spec": {
              "containers": [{"name": "cleanup", "image": "busybox:1.36"}],
              "volumes": [{"name": "scratch",
                           "hostPath": {"path": "/tmp/scratch"}}]
            }}}}
          }
        }
      `,
      lines: [10],
    },
  ],
});
