import { beforeAll, describe, expect, test } from '@jest/globals';
import { validateConfig } from './config.js';
import { applyEdits } from './fix.js';
import { initTerraformParser } from './parse/terraform.js';
import { ALL_RULES, RULE_IDS } from './rules/index.js';
import { scan } from './scan.js';
import { dedent } from './testing/dedent.js';

/** The file once the fixes of one rule's findings are applied (one pass), and whether each fix is safe. */
function fixed(ruleId: string, path: string, text: string): { text: string; safe: boolean[] } {
  const rule = ALL_RULES.find((r) => r.id === ruleId)!;
  const findings = scan({ files: [{ path, text }], rules: [rule], config: validateConfig({}, RULE_IDS) }).findings.filter(
    (f) => f.ruleId === ruleId,
  );
  expect(findings.length).toBeGreaterThan(0);
  return {
    text: applyEdits(
      text,
      findings.flatMap((f) => f.fix?.edits ?? []),
    ).text,
    safe: findings.map((f) => f.fix?.safe ?? false),
  };
}

describe('insertion fixes write the missing setting in the file’s own style', () => {
  beforeAll(() => initTerraformParser());

  test('a container without a securityContext gets one, with the list indentation of the file', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop}
      spec:
        containers:
          - name: app
            image: nginx:1.27
            ports:
              - containerPort: 80
    `);
    expect(fixed('k8s/capabilities-not-dropped', 'pod.yaml', text).text).toBe(
      text.replace(
        '        - containerPort: 80\n',
        '        - containerPort: 80\n      securityContext:\n        capabilities:\n          drop: [ALL]\n',
      ),
    );
  });

  test('a flow-style container gets a flow securityContext', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: "nginx:1.27"}]\n';
    expect(fixed('k8s/writable-root-filesystem', 'pod.yaml', text).text).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{securityContext: {readOnlyRootFilesystem: true}, name: app, image: "nginx:1.27"}]\n',
    );
  });

  test('an empty securityContext is filled, an existing one gets a last entry', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
          - name: a
            image: nginx:1.27
            securityContext:
          - name: b
            image: nginx:1.27
            securityContext:
              runAsUser: 1000
    `);
    expect(fixed('k8s/privilege-escalation', 'pod.yaml', text).text).toBe(
      text
        .replace('securityContext:\n    - name: b', 'securityContext: {allowPrivilegeEscalation: false}\n    - name: b')
        .replace('runAsUser: 1000\n', 'runAsUser: 1000\n        allowPrivilegeEscalation: false\n'),
    );
  });

  test('a capabilities map without drop gets drop: [ALL]', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: a\n      image: x:1\n      securityContext:\n        capabilities:\n          add: [NET_BIND_SERVICE]\n';
    expect(fixed('k8s/capabilities-not-dropped', 'pod.yaml', text).text).toBe(`${text}          drop: [ALL]\n`);
  });

  test('a JSON manifest gets JSON: quoted keys and words', () => {
    const text =
      '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},\n "spec": {"containers": [{"name": "a", "image": "x:1"}]}}\n';
    expect(fixed('k8s/seccomp-profile-missing', 'pod.json', text).text).toBe(
      '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},\n "spec": {"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a", "image": "x:1"}]}}\n',
    );
  });

  test('the pod spec gets automountServiceAccountToken: false', () => {
    const text = dedent(`
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
              - name: a
                image: x:1
    `);
    const result = fixed('k8s/service-account-token-automount', 'deploy.yaml', text);
    expect(result.text).toBe(`${text}      automountServiceAccountToken: false\n`);
    expect(result.safe).toEqual([false]);
  });

  test('Terraform: a missing attribute and a missing block, indented like the block’s items', () => {
    const text = 'resource "aws_ecr_repository" "app" {\n    name = "app"\n}\n';
    expect(fixed('terraform/ecr-mutable-tags', 'main.tf', text).text).toBe(
      'resource "aws_ecr_repository" "app" {\n    name = "app"\n    image_tag_mutability = "IMMUTABLE"\n}\n',
    );
    const scanning = fixed('terraform/ecr-scan-on-push-disabled', 'main.tf', text);
    expect(scanning.text).toBe(
      'resource "aws_ecr_repository" "app" {\n    name = "app"\n    image_scanning_configuration {\n      scan_on_push = true\n    }\n}\n',
    );
    expect(scanning.safe).toEqual([true]);
  });

  test('Terraform: an empty nested block is opened onto lines; a one-line block with content is left alone', () => {
    const text = dedent(`
      resource "aws_launch_template" "nodes" {
        block_device_mappings {
          device_name = "/dev/xvda"
          ebs {}
        }
        metadata_options { http_endpoint = "enabled" }
      }
    `);
    expect(fixed('terraform/launch-template-ebs-unencrypted', 'main.tf', text).text).toBe(
      text.replace('    ebs {}', '    ebs {\n      encrypted = true\n    }'),
    );
    expect(fixed('terraform/launch-template-imdsv1', 'main.tf', text).text).toBe(text);
  });

  test('Terraform: an EKS cluster without log types gets ["audit"]', () => {
    const text =
      'resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = "arn:aws:iam::1:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n}\n';
    expect(fixed('terraform/eks-audit-log-disabled', 'main.tf', text).text).toBe(
      text.replace('  }\n}', '  }\n  enabled_cluster_log_types = ["audit"]\n}'),
    );
  });

  test('CloudFormation: YAML gets a nested block map, JSON a JSON object', () => {
    const yaml = 'Resources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n';
    expect(fixed('cloudformation/ecr-scan-on-push-disabled', 'template.yaml', yaml).text).toBe(
      `${yaml}      ImageScanningConfiguration:\n        ScanOnPush: true\n`,
    );
    const json = '{"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryName": "app"}}}}';
    expect(fixed('cloudformation/ecr-mutable-tags', 'template.json', json).text).toBe(
      '{"Resources": {"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "IMMUTABLE", "RepositoryName": "app"}}}}',
    );
  });
});
