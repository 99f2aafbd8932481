import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { applyEdits } from '../src/engine/fix.js';
import { initTerraformParser } from '../src/engine/parse/terraform.js';
import { LAYER_TITLES } from '../src/engine/model.js';
import { validateConfig } from '../src/engine/config.js';
import { ALL_RULES, CATALOG, META_RULES, RULE_IDS } from '../src/engine/rules/index.js';
import type { SourceInput } from '../src/engine/model.js';
import type { Rule } from '../src/engine/rules/rule.js';
import { scan } from '../src/engine/scan.js';

/** The rule ids of RULES.md that Bulwark implements, in catalog order: a rule that goes missing fails here. */
const CATALOG_IDS = [
  'k8s/host-network', 'k8s/host-pid', 'k8s/host-ipc', 'k8s/host-port', 'k8s/host-path-volume',
  'k8s/sensitive-host-path', 'k8s/container-runtime-socket', 'k8s/seccomp-unconfined', 'k8s/seccomp-profile-missing',
  'k8s/apparmor-unconfined', 'k8s/selinux-custom-options', 'k8s/unmasked-proc-mount', 'k8s/unsafe-sysctls',
  'k8s/windows-host-process', 'k8s/kubelet-insecure-config', 'terraform/eks-secrets-encryption-missing',
  'cloudformation/eks-secrets-encryption-missing', 'terraform/eks-node-ssh-open', 'cloudformation/eks-node-ssh-open',
  'terraform/launch-template-imdsv1', 'cloudformation/launch-template-imdsv1',
  'terraform/launch-template-ebs-unencrypted', 'cloudformation/launch-template-ebs-unencrypted',
  'terraform/gke-node-hardening', 'terraform/gke-secrets-encryption-missing',
  'terraform/aks-disk-encryption-missing', 'k8s/rbac-cluster-admin-binding', 'k8s/rbac-public-subject',
  'k8s/rbac-wildcard', 'k8s/rbac-secrets-read', 'k8s/rbac-privilege-escalation',
  'k8s/service-account-token-automount', 'k8s/default-service-account', 'k8s/aws-auth-system-masters',
  'k8s/secret-in-env', 'terraform/iam-admin-policy', 'cloudformation/iam-admin-policy',
  'terraform/iam-wildcard-action', 'cloudformation/iam-wildcard-action', 'terraform/iam-passrole-any',
  'cloudformation/iam-passrole-any', 'terraform/iam-admin-attached', 'cloudformation/iam-admin-attached',
  'terraform/iam-trust-any-principal', 'cloudformation/iam-trust-any-principal', 'terraform/eks-public-endpoint',
  'cloudformation/eks-public-endpoint', 'terraform/eks-cluster-admin-access-entry', 'terraform/gke-legacy-abac',
  'terraform/gke-master-authorized-networks', 'terraform/aks-rbac-disabled', 'terraform/aks-local-accounts',
  'terraform/aks-api-server-open', 'k8s/untrusted-registry', 'terraform/ecr-public-policy',
  'cloudformation/ecr-public-policy', 'terraform/ecr-broad-push', 'cloudformation/ecr-broad-push',
  'terraform/ecr-mutable-tags', 'cloudformation/ecr-mutable-tags', 'terraform/ecr-kms-encryption',
  'cloudformation/ecr-kms-encryption', 'terraform/acr-admin-user', 'terraform/acr-public-access',
  'terraform/artifact-registry-public', 'k8s/default-namespace', 'k8s/namespace-missing', 'k8s/privileged-container',
  'k8s/privilege-escalation', 'k8s/dangerous-capabilities', 'k8s/capabilities-not-dropped', 'k8s/run-as-root',
  'k8s/writable-root-filesystem', 'docker/root-user', 'k8s/missing-network-policy', 'k8s/network-policy-allow-all',
  'k8s/exposed-service', 'terraform/gke-network-policy-disabled', 'terraform/aks-network-policy-missing',
  'terraform/eks-network-policy-disabled', 'k8s/image-latest-tag', 'k8s/image-not-pinned-by-digest',
  'docker/from-latest', 'docker/from-not-pinned-by-digest', 'helm/dependency-unpinned',
  'helm/dependency-insecure-repository', 'helm/dependency-lock-missing', 'kustomize/remote-base-unpinned',
  'terraform/module-source-unpinned',
  'terraform/ecr-scan-on-push-disabled', 'cloudformation/ecr-scan-on-push-disabled', 'k8s/tiller-deployed',
  'k8s/apiserver-audit-log-disabled', 'k8s/apiserver-audit-policy-missing', 'k8s/apiserver-audit-retention',
  'k8s/audit-policy-weak', 'terraform/eks-audit-log-disabled', 'terraform/gke-logging-disabled',
  'terraform/aks-audit-log-disabled', 'cloudformation/eks-audit-log-disabled',
];

const root = new URL('..', import.meta.url).pathname;
const folderAndName = (id: string) => id.split('/') as [string, string];

/** What file name each platform's doc examples are scanned as. */
const EXAMPLE_PATH: Record<string, string> = {
  k8s: 'example.yaml',
  docker: 'Dockerfile',
  terraform: 'main.tf',
  cloudformation: 'template.yaml',
  helm: 'Chart.yaml',
  kustomize: 'kustomization.yaml',
};

/**
 * The first fenced code block after a `## <heading>` line, and the files beside it: further blocks of the
 * section whose first line is a comment naming a file (`# Chart.lock`) are written at that path.
 */
function example(doc: string, heading: string): { text: string; files: SourceInput[] } | undefined {
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  const blocks = [...(section ?? '').matchAll(/```(?:ya?ml|json|dockerfile|hcl|terraform)\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (blocks.length === 0) return undefined;
  const files = blocks.slice(1).flatMap((block) => {
    const named = /^# (\S+)\n/.exec(block);
    return named ? [{ path: named[1]!, text: block }] : [];
  });
  return { text: blocks[0]!, files };
}

function findingsOf(rule: Rule, text: string, files: readonly SourceInput[] = []) {
  // untrusted-registry is off until a list is configured; the docs examples assume this one.
  const settings = rule.id === 'k8s/untrusted-registry' ? { rules: { [rule.id]: { allowedRegistries: ['registry.example.com'] } } } : {};
  const path = EXAMPLE_PATH[rule.platform] ?? 'example.yaml';
  const result = scan({ files: [{ path, text }, ...files], rules: [rule], config: validateConfig(settings, RULE_IDS) });
  return result.findings.filter((f) => f.ruleId === rule.id && f.path === path);
}

describe('rule catalog', () => {
  beforeAll(() => initTerraformParser());

  test('every implemented rule of RULES.md is registered, once, in catalog order', () => {
    expect(ALL_RULES.map((r) => r.id)).toEqual(CATALOG_IDS);
  });

  test('platform folders hold rules and their tests only; helpers live in shared/', () => {
    const rulesDir = `${root}src/engine/rules/`;
    const ids = new Set(CATALOG.map((r) => r.id));
    const strays: string[] = [];
    for (const folder of readdirSync(rulesDir, { withFileTypes: true })) {
      if (!folder.isDirectory() || folder.name === 'shared') continue;
      for (const file of readdirSync(`${rulesDir}${folder.name}`)) {
        const name = file.replace(/(\.test)?\.ts$/, '');
        if (!ids.has(`${folder.name}/${name}`)) strays.push(`${folder.name}/${file}`);
      }
    }
    expect(strays).toEqual([]);
  });

  test('ids are unique across the catalog', () => {
    const ids = CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const meta of Object.values(META_RULES)) {
    test(`${meta.id} has a doc page`, () => {
      expect(existsSync(`${root}docs/rules/${meta.id}.md`)).toBe(true);
    });
  }

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const docPath = `${root}docs/rules/${rule.id}.md`;

      test('metadata is complete', () => {
        expect(rule.summary.length).toBeGreaterThan(10);
        expect(rule.rationale.length).toBeGreaterThan(30);
        expect(rule.remediation.length).toBeGreaterThan(20);
        expect(LAYER_TITLES[rule.layer]).toBeDefined();
      });

      test('has a test table beside it', () => {
        const [folder, name] = folderAndName(rule.id);
        expect(existsSync(`${root}src/engine/rules/${folder}/${name}.test.ts`)).toBe(true);
      });

      test('has a doc page whose incorrect example fires and whose correct example does not', () => {
        expect(existsSync(docPath)).toBe(true);
        const doc = readFileSync(docPath, 'utf8');
        expect(doc.startsWith(`# ${rule.id}\n`)).toBe(true);
        expect(doc).toContain(`**Severity:** ${rule.severity}`);
        expect(doc).toContain(`**Layer:** ${rule.layer}.`);
        expect(doc).toContain(`**Fix:** ${rule.fixable ? `yes (${rule.fixable})` : 'no'}\n`);
        const incorrect = example(doc, 'Incorrect');
        const correct = example(doc, 'Correct');
        expect(incorrect).toBeDefined();
        expect(correct).toBeDefined();
        const found = findingsOf(rule, incorrect!.text, incorrect!.files);
        expect(found.length).toBeGreaterThan(0);
        expect(findingsOf(rule, correct!.text, correct!.files)).toEqual([]);
        if (rule.fixable && found.some((f) => f.fix)) {
          // The example's fix, once applied, must leave the fixed findings quiet.
          const fixed = applyEdits(incorrect!.text, found.flatMap((f) => f.fix?.edits ?? [])).text;
          const remaining = findingsOf(rule, fixed, incorrect!.files).map((f) => f.locator);
          for (const f of found.filter((x) => x.fix)) expect(remaining).not.toContain(f.locator);
        }
      });
    });
  }
});
