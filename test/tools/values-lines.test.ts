import { describe, expect, test } from '@jest/globals';
import { HelperIndex, templateLines, valueRefs } from '../../src/engine/rendered/template.js';
import { placed, scanRendered } from './support.js';

const WEB = 'test/fixtures/charts/monorepo/web';

/** A template's text without the indentation of the literal it is written in. */
function text(literal: string): string {
  const lines = literal.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

describe('values paths through helpers, printf, omit/pick/merge', () => {
  const helpers = new HelperIndex([
    templateLines(
      text(`
        {{- define "lib.image" -}}
        {{- $registry := .imageRoot.registry -}}
        {{- $tag := .imageRoot.tag | toString -}}
        {{- printf "%s/%s:%s" $registry .imageRoot.repository $tag -}}
        {{- end -}}
        {{- define "lib.secctx" -}}
        {{- omit .secContext "enabled" | toYaml -}}
        {{- end -}}
        {{- define "lib.outer" -}}
        {{- include "lib.image" (dict "imageRoot" .img "global" .context.Values.global) -}}
        {{- end -}}
        {{- define "lib.byRoot" -}}
        {{ .Values.plain }}
        {{- end -}}
      `),
    ),
  ]);
  const refsOf = (template: string) => {
    const refs = valueRefs(templateLines(text(template)), helpers);
    return [...refs.entries()].map(
      ([line, list]) => `${line}: ${list.map((r) => `${r.path.join('.')}${r.dump ? ' (dump)' : ''}`).join(', ')}`,
    );
  };

  test('a helper called with a dict reads the values passed in under its keys', () => {
    expect(refsOf('image: {{ include "lib.image" (dict "imageRoot" .Values.image "global" .Values.global) }}\n')).toEqual([
      '1: image.registry, image.repository, image.tag',
    ]);
  });

  test('a helper that dumps what it was given (omit, toYaml) writes a block from that value', () => {
    expect(
      refsOf(
        'securityContext: {{- include "lib.secctx" (dict "secContext" .Values.containerSecurityContext "context" $) | nindent 12 }}\n',
      ),
    ).toEqual(['1: containerSecurityContext (dump)']);
  });

  test('a dict passed on through another helper, and the root context under .context', () => {
    expect(refsOf('image: {{ include "lib.outer" (dict "img" .Values.sidecar.image "context" $) }}\n')).toEqual([
      '1: sidecar.image.registry, sidecar.image.repository, sidecar.image.tag',
    ]);
    expect(refsOf('{{- with .Values.web }}\nimage: {{ include "lib.image" (dict "imageRoot" .image) }}\n{{- end }}\n')).toEqual([
      '1: web',
      '2: web.image.registry, web.image.repository, web.image.tag',
    ]);
  });

  test('a helper called with the root context, printf and merge of several values, and an unknown helper', () => {
    expect(refsOf('value: {{ include "lib.byRoot" . }}\n')).toEqual(['1: plain']);
    expect(refsOf('image: {{ printf "%s:%s" .Values.image.repository .Values.image.tag }}\n')).toEqual(['1: image.repository, image.tag']);
    expect(refsOf('ctx: {{- merge .Values.podSecurityContext .Values.defaults | toYaml | nindent 2 }}\n')).toEqual([
      '1: podSecurityContext (dump), defaults (dump)',
    ]);
    expect(refsOf('x: {{ include "not.here" .Values.other }}\n')).toEqual(['1: other']);
  });
});

describe('findings at the values line that decides them, with the real helm', () => {
  test('an image built by a library helper from a dict, a security context passed through one, a switched-off NetworkPolicy', async () => {
    const { result } = await scanRendered([WEB]);
    const rules = ['k8s/image-latest-tag', 'k8s/image-not-pinned-by-digest', 'k8s/privileged-container', 'k8s/missing-network-policy'];
    expect(placed(result.findings, rules)).toEqual([
      // The tag of the image the helper built from registry, repository and tag: `tag: latest`, not the chart name.
      `${WEB}/ci/hardened-values.yaml:2 k8s/image-not-pinned-by-digest`,
      `${WEB}/values.yaml:4 k8s/image-latest-tag`,
      // `omit .secContext "enabled" | toYaml` in the library's helper: the value's own line.
      `${WEB}/values.yaml:8 k8s/privileged-container`,
      // The chart's NetworkPolicy is written only when networkPolicy.enabled is on: the flag.
      `${WEB}/values.yaml:11 k8s/missing-network-policy`,
    ]);
    const message = (rule: string) => result.findings.find((f) => f.ruleId === rule)!.message;
    expect(message('k8s/image-latest-tag')).toBe(
      'Deployment "release-name-web" container "web" image "docker.io/example/web:latest" uses the latest tag ' +
        '(set in values.yaml; used by templates/deployment.yaml:16) (values set values.yaml)',
    );
    expect(message('k8s/missing-network-policy')).toContain(
      '(templates/networkpolicy.yaml writes a NetworkPolicy only when networkPolicy.enabled is on; set in values.yaml)',
    );
  });
});
