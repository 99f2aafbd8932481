import { ruleTable } from '../../testing/rule-table.js';
import { networkPolicyAllowAll } from './network-policy-allow-all.js';

ruleTable(networkPolicyAllowAll, {
  valid: [
    {
      name: 'peers named by selectors; default deny with no rules',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: prod}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
            - from:
                - podSelector: {matchLabels: {app: frontend}}
              ports: [{port: 8080}]
          egress:
            - to: [{namespaceSelector: {matchLabels: {name: db}}}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: prod}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
      `,
    },
    {
      name: '0.0.0.0/0 with an except, and a narrower CIDR',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: egress}
        spec:
          podSelector: {}
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [10.0.0.0/8, 169.254.169.254/32]
            - to: [{ipBlock: {cidr: 10.20.0.0/16}}]
      `,
    },
    {
      name: 'a rule with ports only is not empty',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: dns}
        spec:
          podSelector: {}
          egress:
            - ports: [{port: 53, protocol: UDP}]
      `,
    },
    {
      name: 'egress rules in a policy whose policyTypes is Ingress only are not enforced',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: ingress-only}
        spec:
          podSelector: {}
          policyTypes: [Ingress]
          egress: [{}]
      `,
    },
    {
      name: 'Calico and Cilium policies have other shapes',
      yaml: `
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: calico}
        spec:
          selector: all()
          ingress: [{}]
      `,
    },
  ],
  invalid: [
    {
      name: 'ingress: [{}] allows everything',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all, namespace: prod}
        spec:
          podSelector: {}
          ingress: [{}]
      `,
      lines: [6],
      message: 'NetworkPolicy "allow-all" ingress rule 1 names no peers and no ports',
    },
    {
      name: 'block style: empty from and ports lists; egress rule',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: open
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress:
            - from: []
              ports: []
          egress:
            - to:
                - podSelector: {}
            - {}
      `,
      lines: [9, 14],
    },
    {
      name: 'ipBlock 0.0.0.0/0 and ::/0 without except (empty except counts as none)',
      yaml: `
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: internet}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
            - from:
                - podSelector: {matchLabels: {app: lb}}
                - ipBlock: {cidr: 0.0.0.0/0}
              ports: [{port: 443}]
          egress:
            - ports: [{port: 443}]
              to:
                - ipBlock:
                    cidr: "::/0"
                    except: []
      `,
      lines: [7, 12],
      message: 'with no except',
    },
    {
      name: 'in a List, second document',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: listed}
            spec:
              podSelector: {}
              egress:
                - {}
      `,
      lines: [14],
    },
    {
      name: 'JSON manifest',
      path: 'np.json',
      yaml: `
        {
          "apiVersion": "networking.k8s.io/v1",
          "kind": "NetworkPolicy",
          "metadata": {"name": "json"},
          "spec": {
            "podSelector": {},
            "ingress": [
              {"from": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}
            ]
          }
        }
      `,
      lines: [8],
    },
  ],
});
