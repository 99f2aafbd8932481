import { ruleTable } from '../../testing/rule-table.js';
import { containerRuntimeSocket } from './container-runtime-socket.js';

ruleTable(containerRuntimeSocket, {
  valid: [
    {
      name: 'an ordinary hostPath',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: test-pd}
        spec:
          containers: [{name: test, image: registry.k8s.io/test-webserver}]
          volumes:
            - name: test-volume
              hostPath: {path: /data, type: Directory}
      `,
    },
    {
      name: 'the directory holding the socket is k8s/sensitive-host-path',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: dood}
        spec:
          containers: [{name: docker, image: docker:27}]
          volumes:
            - {name: run, hostPath: {path: /var/run}}
            - {name: socket-ish, hostPath: {path: /tmp/docker.socket}}
      `,
    },
    {
      name: 'a PersistentVolume is not a workload',
      yaml: `
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: sock}
        spec:
          hostPath: {path: /var/run/docker.sock}
      `,
    },
  ],
  invalid: [
    {
      name: 'Pod, ReplicationController and CronJob mounting docker.sock',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: test-pd
        spec:
          containers:
          - image: registry.k8s.io/test-webserver
            name: test-container
          volumes:
          - name: test-volume
            hostPath:
              path: /var/run/docker.sock
              type: Socket
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: node-manager
        spec:
            template:
              spec:
                  containers:
                  - image: registry.k8s.io/test-webserver
                    name: test-container
                  volumes:
                  - name: test-volume
                    hostPath:
                      path: /var/run/docker.sock
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: hello
        spec:
          schedule: "*/1 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - image: registry.k8s.io/test-webserver
                    name: test-container
                  volumes:
                  - name: test-volume
                    hostPath:
                      path: /var/run/docker.sock
      `,
      lines: [12, 28, 46],
    },
    {
      name: 'containerd, CRI-O and cri-dockerd sockets',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: inspector}
        spec:
          template:
            spec:
              containers: [{name: inspector, image: inspector:1.0}]
              volumes:
                - {name: containerd, hostPath: {path: /run/containerd/containerd.sock, type: Socket}}
                - {name: crio, hostPath: {path: /var/run/crio/crio.sock}}
                - {name: cri-dockerd, hostPath: {path: "/var/run/cri-dockerd.sock"}}
      `,
      lines: [9, 10, 11],
      message: 'DaemonSet "inspector" volume "',
    },
    {
      name: 'names the socket',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: builder}
        spec:
          containers: [{name: build, image: docker:27}]
          volumes:
            - name: docker-sock
              hostPath:
                path: /var/run/docker.sock
      `,
      lines: [9],
      message: 'Pod "builder" volume "docker-sock" mounts the container runtime socket /var/run/docker.sock',
    },
    {
      name: 'JSON Deployment',
      path: 'ci.json',
      yaml: `
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "ci-runner"},
          "spec": {"template": {"spec": {
            "containers": [{"name": "runner", "image": "runner:2.0"}],
            "volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}]
          }}}
        }
      `,
      lines: [7],
    },
  ],
});
