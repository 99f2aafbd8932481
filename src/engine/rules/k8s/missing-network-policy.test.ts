import { ruleTable } from '../../testing/rule-table.js';
import { missingNetworkPolicy } from './missing-network-policy.js';

const deployment = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: prod
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata:
        labels: {app: web, tier: front}
      spec:
        containers: [{name: app, image: nginx:1.27}]
`;

ruleTable(missingNetworkPolicy, {
  valid: [
    {
      name: 'objects without a namespace in one folder belong together',
      path: 'b/tool.yaml',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, labels: {app: tool}}
        spec:
          containers: [{name: t, image: busybox:1.36}]
      `,
      files: {
        'b/np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny}
          spec: {podSelector: {}}
        `,
      },
    },
    {
      name: 'objects without a namespace built by one kustomization belong together, whatever their folders',
      path: 'apps/tool.yaml',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, labels: {app: tool}}
        spec:
          containers: [{name: t, image: busybox:1.36}]
      `,
      files: {
        'deploy/kustomization.yaml': `
          resources: [../apps/tool.yaml, ../policies/deny.yaml]
        `,
        'policies/deny.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny}
          spec: {podSelector: {}}
        `,
      },
    },
    {
      name: 'a policy in another file selects the pods by matchLabels',
      yaml: deployment,
      files: {
        'policies/web.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: web, namespace: prod}
          spec:
            podSelector: {matchLabels: {app: web}}
            policyTypes: [Ingress]
        `,
      },
    },
    {
      name: 'a default-deny podSelector {} in the same file (multi-document)',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: nginx:1.27}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: default-deny, namespace: prod}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
      `,
    },
    {
      name: 'matchExpressions In and DoesNotExist',
      yaml: deployment,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: fronts, namespace: prod}
          spec:
            podSelector:
              matchExpressions:
                - {key: tier, operator: In, values: [front, edge]}
                - {key: canary, operator: DoesNotExist}
        `,
      },
    },
    {
      name: 'no namespace on either side matches; a policy with `default` matches a workload with none',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, labels: {app: tool}}
        spec:
          containers: [{name: t, image: busybox:1.36}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 0 * * *"
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: nightly}}
                spec:
                  containers: [{name: job, image: busybox:1.36}]
      `,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: tool}
          spec: {podSelector: {matchLabels: {app: tool}}}
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: nightly, namespace: default}
          spec: {podSelector: {matchLabels: {app: nightly}}}
        `,
      },
    },
    {
      name: 'the namespace comes from a kustomization',
      path: 'app/deploy.yaml',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: api, image: api:1.0}]}
      `,
      files: {
        'app/kustomization.yaml': `
          namespace: shop
          resources: [deploy.yaml]
        `,
        'policies/np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: api, namespace: shop}
          spec: {podSelector: {matchLabels: {app: api}}}
        `,
      },
    },
    {
      name: 'Cilium endpointSelector with a source prefix, in a specs list',
      yaml: deployment,
      files: {
        'cnp.yaml': `
          apiVersion: cilium.io/v2
          kind: CiliumNetworkPolicy
          metadata: {name: web, namespace: prod}
          specs:
            - endpointSelector: {matchLabels: {app: api}}
            - endpointSelector: {matchLabels: {"k8s:app": web}}
        `,
      },
    },
    {
      name: 'Calico selector expression',
      yaml: deployment,
      files: {
        'calico.yaml': `
          apiVersion: projectcalico.org/v3
          kind: NetworkPolicy
          metadata: {name: web, namespace: prod}
          spec:
            selector: "app == 'web' && !has(canary)"
            ingress: [{action: Allow}]
        `,
      },
    },
    {
      name: 'a Calico selector that cannot be evaluated counts as selecting',
      yaml: deployment,
      files: {
        'calico.yaml': `
          apiVersion: crd.projectcalico.org/v1
          kind: NetworkPolicy
          metadata: {name: web, namespace: prod}
          spec: {selector: "projectcalico.org/orchestrator == 'k8s'"}
        `,
      },
    },
    {
      name: 'cluster-wide Cilium and Calico policies select everything',
      yaml: deployment,
      files: {
        'ccnp.yaml': `
          apiVersion: cilium.io/v2
          kind: CiliumClusterwideNetworkPolicy
          metadata: {name: baseline}
          spec: {endpointSelector: {matchLabels: {role: none}}}
        `,
      },
    },
    {
      name: 'GlobalNetworkPolicy',
      yaml: deployment,
      files: {
        'gnp.yaml': `
          apiVersion: projectcalico.org/v3
          kind: GlobalNetworkPolicy
          metadata: {name: default-deny}
          spec: {selector: "projectcalico.org/namespace not in {'kube-system'}", types: [Ingress]}
        `,
      },
    },
    {
      name: 'an unknown matchExpressions operator counts as selecting',
      yaml: deployment,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: odd, namespace: prod}
          spec: {podSelector: {matchExpressions: [{key: app, operator: Matches, values: [w]}]}}
        `,
      },
    },
    {
      name: 'host-network pods are out of NetworkPolicy reach; objects that are not workloads',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: prod}
        spec:
          template:
            spec:
              hostNetwork: true
              containers: [{name: a, image: agent:1.0}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: prod}
        spec: {selector: {app: web}}
      `,
    },
  ],
  invalid: [
    {
      name: 'a policy without a namespace in folder a/ does not cover a workload without one in folder b/',
      path: 'b/tool.yaml',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tool, labels: {app: tool}}
        spec:
          containers: [{name: t, image: busybox:1.36}]
      `,
      files: {
        'a/np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny}
          spec: {podSelector: {}}
        `,
        'b/other.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: other, namespace: default}
          spec: {podSelector: {matchLabels: {app: other}}}
        `,
        'c/np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: explicit, namespace: default}
          spec: {podSelector: {}}
        `,
      },
      lines: [3],
      message: 'no NetworkPolicy in its namespace selects',
    },
    {
      name: 'no policy at all',
      yaml: deployment,
      lines: [4],
      message: 'Deployment "web" runs pods (labels app=web, tier=front) that no NetworkPolicy in namespace "prod" selects',
    },
    {
      name: 'the only policy is in another namespace',
      yaml: deployment,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny, namespace: staging}
          spec: {podSelector: {}}
        `,
      },
      lines: [4],
    },
    {
      name: 'a policy with no namespace does not cover a workload in prod',
      yaml: deployment,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny}
          spec: {podSelector: {}}
        `,
      },
      lines: [4],
    },
    {
      name: 'selectors that miss: matchLabels, NotIn, Exists, Cilium, Calico',
      yaml: deployment,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: api, namespace: prod}
          spec: {podSelector: {matchLabels: {app: api}}}
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: not-front, namespace: prod}
          spec: {podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [front]}]}}
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: canaries, namespace: prod}
          spec: {podSelector: {matchExpressions: [{key: canary, operator: Exists}]}}
          ---
          apiVersion: cilium.io/v2
          kind: CiliumNetworkPolicy
          metadata: {name: api, namespace: prod}
          spec: {endpointSelector: {matchLabels: {app: api}}}
          ---
          apiVersion: cilium.io/v2
          kind: CiliumNetworkPolicy
          metadata: {name: host, namespace: prod}
          spec: {nodeSelector: {}}
          ---
          apiVersion: projectcalico.org/v3
          kind: NetworkPolicy
          metadata: {name: api, namespace: prod}
          spec: {selector: "app in {'api', 'db'}"}
        `,
      },
      lines: [4],
    },
    {
      name: 'every workload kind in a List, a CronJob and a Pod; init containers do not matter',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata:
              name: debug
            spec:
              initContainers: [{name: init, image: busybox:1.36}]
              containers: [{name: sh, image: busybox:1.36}]
          - apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: report
            spec:
              schedule: "@daily"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: report}}
                    spec:
                      containers: [{name: job, image: busybox:1.36}]
      `,
      files: {
        'np.yaml': `
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: other}
          spec: {podSelector: {matchLabels: {app: other}}}
        `,
      },
      lines: [7, 14],
    },
    {
      name: 'JSON manifest',
      path: 'web.json',
      yaml: `
        {
          "apiVersion": "apps/v1",
          "kind": "StatefulSet",
          "metadata": {"name": "db"},
          "spec": {
            "template": {
              "metadata": {"labels": {"app": "db"}},
              "spec": {"containers": [{"name": "db", "image": "postgres:16"}]}
            }
          }
        }
      `,
      lines: [4],
      message: 'in its namespace',
    },
  ],
});
