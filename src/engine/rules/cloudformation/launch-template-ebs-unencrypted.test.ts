import { ruleTable } from '../../testing/rule-table.js';
import { cfnLaunchTemplateEbsUnencrypted } from './launch-template-ebs-unencrypted.js';

ruleTable(cfnLaunchTemplateEbsUnencrypted, {
  valid: [
    {
      name: 'encrypted volume',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                BlockDeviceMappings:
                  - DeviceName: /dev/xvda
                    Ebs:
                      VolumeSize: 50
                      Encrypted: true
                      KmsKeyId: !Ref EbsKey
      `,
    },
    {
      name: 'Encrypted from a parameter without default (unknown), and an instance-store mapping',
      yaml: `
        Parameters:
          Encrypt: {Type: String, AllowedValues: ["true", "false"]}
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                BlockDeviceMappings:
                  - DeviceName: /dev/xvda
                    Ebs: {Encrypted: !Ref Encrypt}
                  - DeviceName: /dev/sdb
                    VirtualName: ephemeral0
      `,
    },
    {
      name: 'LaunchTemplateData computed (unknown)',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData: !If [Big, {BlockDeviceMappings: []}, {}]
      `,
    },
  ],
  invalid: [
    {
      name: 'Ebs without Encrypted: the Ebs key',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                BlockDeviceMappings:
                  - DeviceName: /dev/xvda
                    Ebs:
                      VolumeSize: 50
      `,
      lines: [8],
      message: 'NodeTemplate (AWS::EC2::LaunchTemplate) block device "/dev/xvda" has an EBS volume without Encrypted = true',
    },
    {
      name: 'Encrypted false, fixed to true',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                BlockDeviceMappings:
                  - DeviceName: /dev/xvda
                    Ebs: {VolumeSize: 50, Encrypted: false}
                  - DeviceName: /dev/xvdb
                    Ebs:
                      Encrypted: "false"
      `,
      lines: [8, 10],
    },
    {
      name: 'Encrypted from a parameter default',
      fixes: false,
      yaml: `
        Parameters:
          Encrypt: {Type: String, Default: "false"}
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                BlockDeviceMappings:
                  - DeviceName: /dev/xvda
                    Ebs: {Encrypted: !Ref Encrypt}
      `,
      lines: [10],
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "NodeTemplate": {
              "Type": "AWS::EC2::LaunchTemplate",
              "Properties": {
                "LaunchTemplateData": {
                  "BlockDeviceMappings": [
                    {"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": false}}
                  ]
                }
              }
            }
          }
        }
      `,
      lines: [8],
    },
  ],
});
