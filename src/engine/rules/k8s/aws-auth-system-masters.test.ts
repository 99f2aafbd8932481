import { ruleTable } from '../../testing/rule-table.js';
import { awsAuthSystemMasters } from './aws-auth-system-masters.js';

ruleTable(awsAuthSystemMasters, {
  valid: [
    {
      name: 'roles and users mapped to groups of their own',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aws-auth
          namespace: kube-system
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/eks-nodes
              username: eks-node
              groups:
                - system:bootstrappers
                - system:nodes
          mapUsers: |
            - userarn: arn:aws:iam::111122223333:user/jane
              username: system:masters
              groups: [platform-admins]
      `,
    },
    {
      name: 'another ConfigMap, and aws-auth outside kube-system',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth-backup, namespace: kube-system}
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/admin
              groups: [system:masters]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: docs}
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/admin
              groups: [system:masters]
      `,
    },
    {
      name: 'group names compare case-sensitively; embedded text that is not YAML',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: kube-system}
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/ops
              groups: [System:Masters, system:masters-readonly]
          mapUsers: "[unclosed"
          mapAccounts: |
            - "111122223333"
      `,
    },
  ],
  invalid: [
    {
      name: 'mapRoles literal block: points at the "- system:masters" item',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aws-auth
          namespace: kube-system
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/eks-nodes
              username: eks-node
              groups:
                - system:bootstrappers
                - system:nodes
            # break-glass access
            - rolearn: arn:aws:iam::111122223333:role/admin
              username: admin
              groups:
                - system:masters
      `,
      lines: [17],
      message: 'ConfigMap "aws-auth" mapRoles maps IAM role arn:aws:iam::111122223333:role/admin to group system:masters',
    },
    {
      name: 'mapUsers with flow groups and a namespace-less manifest, second document',
      yaml: `
        apiVersion: v1
        kind: Namespace
        metadata: {name: ops}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth}
        data:
          mapRoles: |-
            - rolearn: arn:aws:iam::111122223333:role/ci
              groups: [system:masters]
          mapUsers: |


              - userarn: arn:aws:iam::111122223333:user/jane
                username: jane
                groups: [developers]
              - userarn: arn:aws:iam::111122223333:user/ops
                username: ops
                groups: [developers, "system:masters"]
      `,
      lines: [11, 20],
    },
    {
      name: 'JSON manifest: a one-line string with escapes',
      path: 'aws-auth.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "ConfigMap",
          "metadata": {"name": "aws-auth", "namespace": "kube-system"},
          "data": {
            "mapRoles": "- groups:\\n  - system:masters\\n  rolearn: arn:aws:iam::111122223333:role/admin\\n  username: \\"admin\\"\\n"
          }
        }
      `,
      lines: [6],
    },
    {
      name: 'flow YAML in a single-quoted string',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: aws-auth, namespace: kube-system}
        data:
          mapRoles: '[{rolearn: "arn:aws:iam::111122223333:role/admin", username: ''admin'', groups: [system:masters]}]'
      `,
      lines: [5],
    },
  ],
});
