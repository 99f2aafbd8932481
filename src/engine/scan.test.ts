import { describe, expect, test } from '@jest/globals';
import { validateConfig } from './config.js';
import { decodeSource } from './decode.js';
import { fingerprint } from './fingerprint.js';
import type { SourceInput } from './model.js';
import { initTerraformParser } from './parse/terraform.js';
import { hostNetwork } from './rules/k8s/host-network.js';
import { ecrMutableTags } from './rules/terraform/ecr-mutable-tags.js';
import { RULE_IDS } from './rules/index.js';
import { scan } from './scan.js';
import { dedent } from './testing/dedent.js';

const pod = (name: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}${extra}\nspec:\n  hostNetwork: true\n  containers: [{name: app, image: nginx:1}]\n`;

function run(files: SourceInput[], config: unknown = {}) {
  return scan({ files, rules: [hostNetwork], config: validateConfig(config, RULE_IDS) });
}

const summary = (result: ReturnType<typeof run>) => result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`);

describe('scan: bad input never crashes and never loses a finding', () => {
  test('malformed YAML: a parse error on the last line of the broken document, and the other documents still scanned', () => {
    const text = `${pod('a')}---\nkind: Pod\napiVersion: v1\nmetadata: {name: [broken\n---\n${pod('c')}`;
    expect(summary(run([{ path: 'm.yaml', text }]))).toEqual([
      'm.yaml:6 k8s/host-network',
      'm.yaml:11 bulwark/parse-error',
      'm.yaml:18 k8s/host-network',
    ]);
  });

  test('a YAML alias bomb is refused with a parse error', () => {
    const levels = ['apiVersion: v1', 'kind: ConfigMap', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const started = Date.now();
    const result = run([{ path: 'bomb.yaml', text: `${levels.join('\n')}\n` }]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary(result)).toEqual(['bomb.yaml:1 bulwark/parse-error']);
    expect(result.findings[0]!.message).toContain('alias bomb');
  });

  test('binary files and invalid UTF-8 are skipped with a reason', () => {
    expect(decodeSource('a.yaml', new Uint8Array([0x61, 0, 0x62]))).toEqual({
      path: 'a.yaml',
      reason: 'binary file (contains NUL bytes); not scanned',
    });
    expect(decodeSource('b.yaml', new Uint8Array([0x61, 0xff, 0xfe]))).toEqual({ path: 'b.yaml', reason: 'not valid UTF-8; not scanned' });
    expect(decodeSource('c.yaml', new TextEncoder().encode('\ufeffa: 1'))).toEqual({ path: 'c.yaml', text: '\ufeffa: 1' });
  });

  test('empty files and YAML that is not Kubernetes are skipped silently', () => {
    const result = run([
      { path: 'empty.yaml', text: '' },
      { path: 'workflow.yml', text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n' },
      { path: 'broken-workflow.yml', text: 'on: [push\n' },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.skipped.map((s) => s.path)).toEqual(['broken-workflow.yml']);
  });

  test('files over the size limit are reported once, at line 1, and not parsed', () => {
    const result = run([{ path: 'big.yaml', text: pod('a') }], { limits: { maxFileBytes: 50 } });
    expect(summary(result)).toEqual(['big.yaml:1 bulwark/file-too-large']);
    expect(result.findings[0]!.severity).toBe('info');
    const unread = run([{ path: 'huge.yaml', text: '', byteLength: 9_000_000 }]);
    expect(summary(unread)).toEqual(['huge.yaml:1 bulwark/file-too-large']);
  });

  test('templates of a chart are not parse errors; the same text outside any chart is', () => {
    const template = {
      path: 'chart/templates/pod.yaml',
      text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include "x" . | nindent 4 }}\n`,
    };
    const chart = { path: 'chart/Chart.yaml', text: 'apiVersion: v2\nname: web\nversion: 0.1.0\n' };
    const result = scan({ files: [template], context: [chart] });
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([
      { path: 'chart/templates/pod.yaml', reason: 'template of the Helm chart chart: scanned only when its chart is rendered' },
    ]);
    // No Chart.yaml above it: not a chart's file, so not a template, whatever its folder is called.
    const alone = run([template]);
    expect(summary(alone)).toEqual(['chart/templates/pod.yaml:5 bulwark/parse-error']);
    expect(alone.skipped).toEqual([]);
  });

  test('unknown kinds and CRDs are skipped unless they carry a pod spec', () => {
    const text = dedent(`
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w}
      spec: {hostNetwork: true}
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: Rollout
      metadata: {name: r}
      spec:
        template:
          spec:
            hostNetwork: true
            containers: [{name: app, image: nginx:1}]
    `);
    expect(summary(run([{ path: 'crd.yaml', text }]))).toEqual(['crd.yaml:12 k8s/host-network']);
  });

  test('kind: List items are objects of their own', () => {
    const text = dedent(`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: a}
          spec:
            hostNetwork: true
            containers: [{name: app, image: nginx:1}]
    `);
    expect(summary(run([{ path: 'list.yaml', text }]))).toEqual(['list.yaml:8 k8s/host-network']);
  });
});

describe('scan: Terraform values through locals, and the Terraform size limit', () => {
  test('a value reached through a chain of 200 locals keeps its finding, at the attribute that uses it', async () => {
    await initTerraformParser();
    const chain = Array.from({ length: 200 }, (_, i) => `  tag${i} = local.tag${i + 1}\n`).join('');
    const files = [
      { path: 'infra/locals.tf', text: `locals {\n${chain}  tag200 = "MUTABLE"\n}\n` },
      {
        path: 'infra/main.tf',
        text: 'resource "aws_ecr_repository" "app" {\n  name                 = "app"\n  image_tag_mutability = local.tag0\n}\n',
      },
    ];
    const result = scan({ files, rules: [ecrMutableTags], config: validateConfig({}, RULE_IDS) });
    expect(result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual([
      'infra/main.tf:3 terraform/ecr-mutable-tags',
    ]);
  });

  test('a .tf file over limits.maxTerraformBytes (1 MiB) is reported, not parsed; .tf.json and a raised limit are read', async () => {
    await initTerraformParser();
    const resource = 'resource "aws_ecr_repository" "app" {\n  name                 = "app"\n  image_tag_mutability = "MUTABLE"\n}\n';
    const big = resource + '#'.repeat(1024 * 1024 - resource.length) + '\n';
    const json = `${JSON.stringify({ resource: { aws_ecr_repository: { app: { name: 'app', image_tag_mutability: 'MUTABLE' } } } })}${' '.repeat(1024 * 1024)}`;
    const files = [
      { path: 'big.tf', text: big },
      { path: 'big.tf.json', text: json },
    ];
    const result = scan({ files, rules: [ecrMutableTags], config: validateConfig({}, RULE_IDS) });
    expect(result.findings.map((f) => [f.path, f.range.start.line, f.ruleId, f.message])).toEqual([
      [
        'big.tf',
        1,
        'bulwark/file-too-large',
        'big.tf is 1048577 bytes, over the 1048576-byte limit for Terraform files (limits.maxTerraformBytes: parsing HCL takes about 170 bytes of memory per byte); not scanned',
      ],
      ['big.tf.json', 1, 'terraform/ecr-mutable-tags', expect.any(String)],
    ]);
    const raised = scan({
      files: files.slice(0, 1),
      rules: [ecrMutableTags],
      config: validateConfig({ limits: { maxTerraformBytes: 2 * 1024 * 1024 } }, RULE_IDS),
    });
    expect(raised.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual(['big.tf:3 terraform/ecr-mutable-tags']);
  });
});

describe('scan: suppressions', () => {
  test('on the line, on the line above, and by annotation; each needs a reason', () => {
    const text = dedent(`
      apiVersion: v1
      kind: Pod
      metadata: {name: a}
      spec:
        hostNetwork: true # bulwark:ignore k8s/host-network -- node exporter needs the host network
        containers: [{name: app, image: nginx:1}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: b}
      spec:
        # bulwark:ignore k8s/host-pid,k8s/host-network -- CNI agent
        hostNetwork: true
        containers: [{name: app, image: nginx:1}]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: c
        annotations:
          bulwark.dev/ignore: "k8s/host-network -- ingress controller on the edge nodes"
      spec:
        hostNetwork: true
        containers: [{name: app, image: nginx:1}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: d}
      spec:
        hostNetwork: true # bulwark:ignore k8s/host-network
        containers: [{name: app, image: nginx:1}]
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: e}
      spec:
        hostNetwork: true # bulwark:ignore k8s/host-pid -- wrong rule
        containers: [{name: app, image: nginx:1, command: ["sh", "-c", "echo '# bulwark:ignore k8s/host-network -- in a string'"]}]
    `);
    const result = run([{ path: 's.yaml', text }]);
    expect(result.suppressed.map((f) => [f.range.start.line, f.suppressed?.reason])).toEqual([
      [5, 'node exporter needs the host network'],
      [13, 'CNI agent'],
      [23, 'ingress controller on the edge nodes'],
    ]);
    expect(summary(result)).toEqual([
      's.yaml:30 k8s/host-network',
      's.yaml:30 bulwark/suppression-without-reason',
      's.yaml:37 k8s/host-network',
    ]);
  });
});

describe('scan: configuration and determinism', () => {
  test('rules can be turned off or given another severity', () => {
    expect(run([{ path: 'p.yaml', text: pod('a') }], { rules: { 'k8s/host-network': 'off' } }).findings).toEqual([]);
    const lowered = run([{ path: 'p.yaml', text: pod('a') }], { rules: { 'k8s/host-network': { severity: 'low' } } });
    expect(lowered.findings.map((f) => f.severity)).toEqual(['low']);
  });

  test('findings are sorted by path and line whatever the input order', () => {
    const a = run([
      { path: 'b.yaml', text: pod('b') },
      { path: 'a.yaml', text: `${pod('a')}---\n${pod('a2')}` },
    ]);
    const b = run([
      { path: 'a.yaml', text: `${pod('a')}---\n${pod('a2')}` },
      { path: 'b.yaml', text: pod('b') },
    ]);
    expect(summary(a)).toEqual(['a.yaml:6 k8s/host-network', 'a.yaml:14 k8s/host-network', 'b.yaml:6 k8s/host-network']);
    expect(a).toEqual(b);
  });

  test('fingerprints do not change when lines shift', () => {
    const before = run([{ path: 'p.yaml', text: pod('a') }]).findings[0]!;
    const after = run([{ path: 'p.yaml', text: `# a new comment\n\n${pod('a', '\n  labels: {app: a}')}` }]).findings[0]!;
    expect(after.range.start.line).toBe(before.range.start.line + 3);
    expect(fingerprint(after)).toBe(fingerprint(before));
    expect(before.locator).toBe('Pod//a#spec.hostNetwork');
  });

  test('context files are read for cross-object rules but never reported on', () => {
    const result = scan({
      files: [{ path: 'a.yaml', text: pod('a') }],
      context: [{ path: 'b.yaml', text: pod('b') }],
      rules: [hostNetwork],
    });
    expect(summary(result)).toEqual(['a.yaml:6 k8s/host-network']);
    expect(result.scannedFiles).toBe(1);
  });
});

describe('scan: template detection', () => {
  test('placeholders such as {{EC2PrivateDNSName}} are data, Go template actions are templates', async () => {
    const { isTemplated } = await import('./detect.js');
    expect(isTemplated('username: system:node:{{EC2PrivateDNSName}}\n')).toBe(false);
    expect(isTemplated('rolearn: x\nusername: admin:{{SessionName}}\n')).toBe(false);
    for (const t of ['{{ .Values.x }}', '{{- include "a" . }}', '{{ $x := 1 }}', '{{/* c */}}', '{{ toYaml .x }}', '{{- if .a }}']) {
      expect(isTemplated(`a: ${t}\n`)).toBe(true);
    }
  });
});
