import { describe, expect, test } from '@jest/globals';
import { ruleTable } from '../../testing/rule-table.js';
import { canonicalSysctl, unsafeSysctls } from './unsafe-sysctls.js';

describe('canonicalSysctl', () => {
  test.each([
    ['net.ipv4.tcp_syncookies', 'net.ipv4.tcp_syncookies'],
    ['net/ipv4/tcp_syncookies', 'net.ipv4.tcp_syncookies'],
    ['net/ipv4/conf/eth0.100/rp_filter', 'net.ipv4.conf.eth0/100.rp_filter'],
    ['net.ipv4.conf.eth0/100.rp_filter', 'net.ipv4.conf.eth0/100.rp_filter'],
    ['kernel', 'kernel'],
  ])('%s is %s', (written, canonical) => {
    expect(canonicalSysctl(written)).toBe(canonical);
  });
});

ruleTable(unsafeSysctls, {
  valid: [
    {
      name: 'safe sysctls, with dots or slashes',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: test-app-neg}
        spec:
          template:
            spec:
              securityContext:
                sysctls:
                - name: kernel.shm_rmid_forced
                  value: "0"
                - name: net/ipv4/tcp_syncookies
                  value: "1"
                - {name: net.ipv4.ip_local_port_range, value: "1024 65000"}
                - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
                - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
                - {name: net.ipv4.ip_local_reserved_ports, value: "8080"}
                - {name: net.ipv4.tcp_keepalive_time, value: "600"}
                - {name: net.ipv4.tcp_fin_timeout, value: "30"}
                - {name: net.ipv4.tcp_keepalive_intvl, value: "60"}
                - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
              containers: [{name: app, image: ubuntu:24.04}]
      `,
    },
    {
      name: 'a PodSecurityPolicy listing unsafe sysctls is not a workload',
      yaml: `
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: sysctl-psp}
        spec:
          allowedUnsafeSysctls: [kernel.msg*]
          forbiddenSysctls: [kernel.shm_rmid_forced]
      `,
    },
    {
      name: 'sysctls written in a container securityContext are not a container field',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                sysctls: [{name: kernel.msgmax, value: "65536"}]
      `,
    },
  ],
  invalid: [
    {
      name: 'two unsafe sysctls among safe ones',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: sysctl-example
        spec:
          securityContext:
            sysctls:
            - name: kernel.shm_rmid_forced
              value: "0"
            - name: net.core.somaxconn
              value: "1024"
            - name: kernel.msgmax
              value: "65536"
          containers:
            - name: test1
              image: nginx
      `,
      lines: [10, 12],
      message: 'Pod "sysctl-example" sets sysctl ',
    },
    {
      name: 'slash form is named both ways',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: tuned}
        spec:
          template:
            spec:
              securityContext:
                sysctls: [{name: net/core/rmem_max, value: "16777216"}]
              containers: [{name: app, image: app:1.0}]
      `,
      lines: [8],
      message: 'Deployment "tuned" sets sysctl net/core/rmem_max (net.core.rmem_max), which is outside the safe set',
    },
    {
      name: 'near-misses of safe names, in a CronJob',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: tuner}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  securityContext:
                    sysctls:
                      - {name: net.ipv4.tcp_syncookies_extra, value: "1"}
                      - {name: NET.IPV4.TCP_SYNCOOKIES, value: "1"}
                      - {name: net.ipv4.ip_forward, value: "1"}
                  containers: [{name: tuner, image: tuner:1.0}]
      `,
      lines: [12, 13, 14],
    },
    {
      name: 'JSON Pod',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "shm"},
          "spec": {
            "securityContext": {"sysctls": [{"name": "kernel.sem", "value": "128 32768 128 4096"}]},
            "containers": [{"name": "app", "image": "app:1.0"}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
