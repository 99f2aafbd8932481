import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { markerPlan, markTemplate, stripMarkers } from '../../src/engine/rendered/helm-markers.js';
import { templateLines, valueRefs } from '../../src/engine/rendered/template.js';
import { dedent } from '../../src/engine/testing/dedent.js';
import { realTools } from './support.js';

const run = promisify(execFile);
const TOKEN = '5eed5eed5eed5eed5eed5eed';

describe('marker comments', () => {
  test('go on lines that write YAML of their own, and nowhere they could change what Helm writes', () => {
    const template = dedent(`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ include "x.fullname" . }}
        labels:
          {{- include "x.labels" . | nindent 4 }}
      data:
        script: |
          key: not yaml, text
          echo {{ .Values.x }}
        value: {{ .Values.a
          | default "b" }}
        trimmed: {{ .Values.b -}}
        {{- if .Values.c }}
        c: "{{ .Values.c }}"
        {{- end }}
        open: "multi
          line"
      ---
      block: {{- toYaml .Values.block | nindent 2 }}
    `);
    expect([...markerPlan(template).keys()]).toEqual([1, 2, 3, 4, 5, 7, 8, 15, 20]);
    // Before a trailing `| nindent` action, so the marker stays on the key's line.
    expect(markTemplate(template, 3, TOKEN).split('\n')[19]).toBe(`block: #bulwark-${TOKEN}@3:20 {{- toYaml .Values.block | nindent 2 }}`);
  });

  test('stripping restores the text and gives each rendered line the template line it started on', () => {
    const m = ` #bulwark-${TOKEN}@`;
    const { text, origins } = stripMarkers(`a: 1${m}0:3\n  b: 2\nc: x${m}1:7-y${m}1:8\n`, TOKEN);
    expect(text).toBe('a: 1\n  b: 2\nc: x-y\n');
    expect(origins).toEqual([undefined, { file: 0, line: 3 }, undefined, { file: 1, line: 7 }, undefined]);
  });

  test("only markers with the rendering's own token count: one spelled out in a value is text", () => {
    const forged = 'privileged: true #bulwark@0:1 #bulwark-0123456789abcdef01234567@0:2 #bulwark-';
    const { text, origins } = stripMarkers(`${forged} #bulwark-${TOKEN}@0:9\nx: 1\n`, TOKEN);
    expect(text).toBe(`${forged}\nx: 1\n`);
    expect(origins).toEqual([undefined, { file: 0, line: 9 }, undefined, undefined]);
    expect(stripMarkers(`x: 1 #bulwark-${TOKEN}@0:9\n`, undefined)).toEqual({
      text: `x: 1 #bulwark-${TOKEN}@0:9\n`,
      origins: [undefined, undefined, undefined],
    });
    expect(() => markTemplate('a: 1\n', 0, 'short')).toThrow('16 to 64 hexadecimal digits');
  });

  test('JSON templates are left alone', () => {
    expect(markerPlan('{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"\n}\n').size).toBe(0);
  });

  test('a chart from `helm create` renders exactly the same with markers, once they are stripped', async () => {
    const helm = realTools().helm!;
    const work = await mkdtemp(join(tmpdir(), 'bulwark-markers-'));
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: work, HELM_PLUGINS: join(work, 'plugins') };
      await run(helm, ['create', 'app'], { cwd: work, env });
      await cp(join(work, 'app'), join(work, 'marked'), { recursive: true });
      let index = 0;
      const mark = async (dir: string): Promise<void> => {
        for (const name of await readdir(dir)) {
          const path = join(dir, name);
          if ((await stat(path)).isDirectory()) await mark(path);
          else if (path.includes('/templates/') && name !== 'NOTES.txt')
            await writeFile(path, markTemplate(await readFile(path, 'utf8'), index++, TOKEN));
        }
      };
      await mark(join(work, 'marked'));
      const sets = [
        [],
        [
          '--set',
          'ingress.enabled=true',
          '--set',
          'autoscaling.enabled=true',
          '--set',
          'httpRoute.enabled=true',
          '--set',
          'podAnnotations.a=b',
        ],
        [
          '--set-json',
          'securityContext={"privileged":true,"capabilities":{"add":["SYS_ADMIN"]}}',
          '--set-json',
          'volumes=[{"name":"x","hostPath":{"path":"/"}}]',
        ],
      ];
      for (const set of sets) {
        const clean = (await run(helm, ['template', join(work, 'app'), ...set], { env })).stdout;
        const marked = (await run(helm, ['template', join(work, 'marked'), ...set], { env })).stdout;
        expect(marked).toContain(`#bulwark-${TOKEN}@`);
        expect(stripMarkers(marked, TOKEN).text).toBe(clean);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('value references', () => {
  test('resolve .Values paths through with, range, variables, index and helpers', () => {
    const template = dedent(`
      {{- with .Values.securityContext }}
      securityContext: {{- toYaml . | nindent 2 }}
      {{- end }}
      {{- range $name, $port := .Values.ports }}
      - port: {{ $port.number }}
      {{- end }}
      {{- range .Values.sidecars }}
      image: {{ .image | default $.Values.image.repository }}
      {{- end }}
      {{- $s := .Values.service }}
      type: {{ $s.type }}
      tag: {{ index .Values "image" "tag" }}
      {{- define "x" }}
      extra: {{ tpl .Values.extra . }}
      {{- end }}
      name: {{ .Release.Name }}
    `);
    const refs = valueRefs(templateLines(template));
    const at = (line: number) => refs.get(line)?.map((r) => `${r.path.join('.')}${r.dump ? ' (dump)' : ''}`);
    expect(at(2)).toEqual(['securityContext (dump)']);
    expect(at(5)).toEqual(['ports.*.number']);
    // Every value the action reads, in order: the locator takes the one whose value was rendered.
    expect(at(8)).toEqual(['sidecars.*.image', 'image.repository']);
    expect(at(11)).toEqual(['service.type']);
    expect(at(12)).toEqual(['image.tag']);
    expect(at(14)).toEqual(['extra (dump)']);
    expect(at(16)).toBeUndefined();
  });
});
