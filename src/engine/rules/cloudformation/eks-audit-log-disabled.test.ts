import { ruleTable } from '../../testing/rule-table.js';
import { cfnEksAuditLogDisabled } from './eks-audit-log-disabled.js';

ruleTable(cfnEksAuditLogDisabled, {
  valid: [
    {
      name: 'audit enabled',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Logging:
                ClusterLogging:
                  EnabledTypes:
                    - Type: api
                    - Type: audit
      `,
    },
    {
      name: 'log types from a condition (unknown)',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Logging:
                ClusterLogging:
                  EnabledTypes: !If [Verbose, [{Type: api}, {Type: audit}], [{Type: api}]]
      `,
    },
    {
      name: 'a type from a parameter without default (unknown)',
      yaml: `
        Parameters:
          ExtraLogType: {Type: String}
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type: !Ref ExtraLogType}]}}
      `,
    },
  ],
  invalid: [
    {
      name: 'no Logging: the Properties key',
      fixes: false,
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
      `,
      lines: [4],
      message: 'Cluster (AWS::EKS::Cluster) does not set Logging.ClusterLogging.EnabledTypes',
    },
    {
      name: 'types without audit: the Logging key',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              Logging:
                ClusterLogging:
                  EnabledTypes:
                    - Type: api
                    - Type: authenticator
      `,
      lines: [6],
      message: 'enables "api", "authenticator" but not "audit"',
    },
    {
      name: 'Logging without ClusterLogging: no list to add to, no fix',
      fixes: false,
      yaml: `
        Resources:
          Empty:
            Type: AWS::EKS::Cluster
            Properties:
              Logging: {}
      `,
      lines: [5],
    },
    {
      name: 'a type from a parameter default: the fix adds {Type: audit} to the flow list',
      yaml: `
        Parameters:
          LogType: {Type: String, Default: api}
        Resources:
          FromDefault:
            Type: AWS::EKS::Cluster
            Properties:
              Logging: {ClusterLogging: {EnabledTypes: [{Type: !Ref LogType}]}}
      `,
      lines: [7],
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::EKS::Cluster",
              "Properties": {
                "Logging": {"ClusterLogging": {"EnabledTypes": [{"Type": "api"}]}}
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
