import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { deploymentsText } from '../testing/corpus.js';
import { parseYaml, YMap, YScalar, type YSeq, type ParsedYaml, type YNode } from './yaml.js';
import { SubsetReader } from './yaml-subset.js';
import { privilegedContainer } from '../rules/k8s/privileged-container.js';
import { scan } from '../scan.js';

/**
 * The subset reader must build exactly the tree js-yaml's events build, or give the document up. These
 * tests read every text both ways (`parseYaml` with and without the subset reader) and compare
 * everything a rule could see: kinds, offsets, text, values, styles, weights, errors and string ranges.
 */

const ROOT = join(import.meta.dirname, '../../..');

function shape(node: YNode, root = false): unknown {
  // An empty document's root has no place in the text; js-yaml's builder puts it where its span begins.
  const at = root && node instanceof YScalar && node.empty ? {} : { start: node.start, end: node.end };
  if (node instanceof YScalar) return { ...at, text: node.text, value: node.value, style: node.style, tag: node.tag, empty: node.empty };
  if (node instanceof YMap) {
    return { ...at, map: node.keys.map((key, i) => [shape(key), shape(node.values[i]!)]), flow: node.flow, weight: node.weight };
  }
  return { ...at, seq: (node as YSeq).items.map((item) => shape(item)), flow: node.flow, weight: node.weight };
}

function described(parsed: ParsedYaml): unknown {
  return {
    documents: parsed.documents.map((d) => ({ index: d.index, root: d.root && shape(d.root, true) })),
    errors: parsed.errors,
    stringRanges: parsed.stringRanges,
  };
}

/** Every document of `text` the subset reader accepts, or undefined at the first it gives up on. */
function subsetDocuments(text: string): number | undefined {
  const reader = new SubsetReader(text, 100, []);
  let count = 0;
  for (let at = 0; at < text.length;) {
    const read = reader.document(at);
    if (!read) return undefined;
    if (read.root) count++;
    at = read.next;
  }
  return count;
}

function expectSameAsJsYaml(text: string): void {
  expect(described(parseYaml(text))).toEqual(described(parseYaml(text, undefined, false)));
}

/** Small texts for every construct the subset handles, and for the edges where it must give up. */
const CASES: string[] = [
  '',
  '# only a comment\n',
  'a: 1\n',
  'a: 1',
  'a:\n',
  'a:',
  'a: 1\nb:\n  c: true\n  d: [x, "y", \'z\']\n',
  'kind: Pod\r\nspec:\r\n  hostNetwork: true\r\n  containers:\r\n  - name: a\r\n    image: "nginx"\r\n',
  '---\na: 1\n---\nb: 2\n',
  '---\n---\n',
  'a: 1\n---\n',
  '---\n',
  '--- # start\na: 1\n... # end\n---\nb: 2\n...\n',
  'a: 1\n...\n# trailing\n',
  '...\na: 1\n',
  '%YAML 1.2\n---\na: 1\n---\nb: 2\n',
  '---\na: &x 1\nb: *x\n---\nc: 3\n',
  '---\na: !!str 1\n---\nb: 2\n',
  '- a\n- b\n-\n- - c\n',
  '- a\n-\n  b: 1\n- c: 2\n  d: 3\n-   e: 4\n    f: 5\n',
  'a:\n- 1\n- 2\nb:\n  - 3\n',
  '- a:\n  - x\n  b: y\n',
  'a: b: c\n',
  'a: "x" y\n',
  'a: x\n  y\n',
  'a: x\n\n  # comment\nb: y\n',
  'a: x # comment\nb: "y" # comment\nc: [1, 2] # comment\n',
  'a: x#y\nb: "x"#y\n',
  'a: http://example.com:8080/x\nb: -x\nc: ?x\nd: :x\n',
  'a: - x\n',
  '"quoted key": 1\n\'single\': 2\n"k" : 3\n',
  '- "quoted key": 1\n  other: 2\n',
  'a:\n  "first": 1\n  second: 2\n',
  "a: \"esc \\\" \\\\ \\n \\t \\u00e9 \\x41 \\/\"\nb: 'it''s'\n",
  'a: "bad \\q escape"\n',
  'a: "multi\n  line"\n',
  "a: 'multi\n  line'\n",
  'a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\n\nd: |+\n  keep\n\ne: 1\n',
  'a: |\n  x\n\n# c\n  \nz: 1',
  'a: |\n\nz: 1\n',
  'a: |\n   \n  x\n',
  'a: |2\n    x\n',
  'a: | # comment\n  x\n',
  'a: |\n  x\n    more\n  y\n',
  'a: >\n  x\n    more\n  y\n\n',
  '- |\n  a\n- >-\n  b\n  c\n',
  'a: |\n  x\n  ',
  'a: |',
  'a: |\n  x\n b: 1\n',
  '{"a": 1, "b": [true, null, {"c": "d"}], "e": {}, "f": []}\n',
  '{\n  "a": 1,\n  "b": [\n    "x",\n    "y"\n  ]\n}\n',
  'a: {b: 1, c: [2, 3]}\nd: [e, {f: g}]\n',
  'a: {b: 1,}\n',
  'a: [b, ]\n',
  'a: {b}\n',
  'a: [b: c]\n',
  'a: {b: }\n',
  'a: [x\n  y]\n',
  'a: [\n  x,\n  y\n]\n',
  'a: [\nx]\n',
  'a: [x, # c\n  y]\n',
  'a: {"b":1}\n',
  'a: {b:1}\n',
  '[a, b]\n',
  'plain scalar root\n',
  '"quoted root"\n',
  'a: 1\n  b: 2\n',
  '  a: 1\n  b: 2\n',
  '  a: 1\nb: 2\n',
  'a:\n    b: 1\n  c: 2\n',
  'a:\tb\n',
  'a: b\t\n',
  '\ta: 1\n',
  'a: "tab\there"\n',
  'a: café\nb: "naïve"\n',
  'a: 😀\n',
  '\ufeffa: 1\n',
  'a: 1\rb: 2\n',
  'a: \u0001\n',
  '<<: {a: 1}\nb: 2\n',
  '? complex\n: key\n',
  'a: 1\na: 2\n',
  'a: yes\nb: No\nc: ~\nd: 0x1F\ne: 1_000\nf: .5\ng: 1e3\nh: 007\ni: +1\n',
  `${'k'.repeat(1100)}: 1\n`,
  'a:\n  b:\n    c:\n      d: [[[[1]]]]\n',
  'a: "x"\n---\nb: [unclosed\n---\nc: 3\n',
  'a: ok\n---\nb: *nowhere\n---\nc: 3\n',
  'a: [1, 2]]\n',
  'a: }\n',
  '- a\nb: 1\n',
  'a: 1\n- b\n',
  'a: b\n---x\n',
  '---a: 1\n',
  'a: x\n--- \nb: y\n',
  'a: [x,\n---\n]\n',
  'a: |\n  x\n---\nb: 1\n',
  'a: "x" \nb: \'y\'  \n',
  'a : 1\n',
  'a:  \n  b: 1\n',
  '-\n  - x\n',
  '- - x\n',
  '-x\n',
  'a: "\\\n b"\n',
  'a: !Ref x\nb: !!int "3"\nc: !Sub\n  - x\nd: !If [a, !Ref b]\ne: !Ref\nf: !!null\ng: !Sub |\n  x\nh: !Equals\n  a: 1\n',
  '- !Ref\n- !Ref # c\n- !Sub\n  - x\n- !Foo a: 1\n',
  'a: !Ref\n  b: 1\nc: !!str\n- x\n',
  'a: !<tag:yaml.org,2002:str> x\nb: !e!x y\nc: ! z\nd: !Ref[x]\ne: [!Ref]\nf: [!Ref , x]\ng: {!Ref a: b}\nh: !Ref!x y\n',
  '!Ref x\n',
  '--- !Ref\na: 1\n',
  '  -\n   b: !If  \n  - # not\n',
  'a: x\n  b: c\n',
  'a: x\n  # comment\n  y\n',
  'a: x\n\n\n  y\n   z\nb: 1\n',
  '- x\n -y\n- z\n',
  'a:\n  x\n y\n',
  'a:\n  |\n    x\n',
  'lone\nroot scalar\n',
  '- a: x\n   y\n  b: 1\n',
  'a: "x\ny"\nb: 1\n',
  '- "x\n- y"\n',
  'a: "x\n---\n"\n',
  '"a\n b": 1\n',
  'a: [x\n  y]\n',
  'a: "x\n\n\n   y"\n',
  "a: 'x\n  '\n",
  '# c\n---\n# c\na: 1\n# c\n',
];

/** Constructs manifests are commonly written in: the subset reader must read them itself, not hand them on. */
const ACCEPTED: string[] = [
  'a: 1\nb: two\nc: "three"\nd: \'four\'\n',
  'a:   # comment after an empty value\n  b: 1\n',
  '- # comment after a dash\n  a: 1\n',
  'a: # comment\n- x\n- y\n',
  '--- # comment\na: 1\n...\n# after the end\n---\nb: 2\n',
  '# leading comment\n\n---\na: 1\n',
  'a:\n  # comment at another indentation\n      # and another\n  b: 1\n# and at the margin\n  c: 2\n',
  'kind: Pod\r\nspec:\r\n  containers:\r\n  - name: a\r\n    args: |\r\n      x\r\n',
  'a: |\n  x\nb: |-\n  y\nc: |+\n  z\n\nd: >\n  folded\n  text\ne: >-\n  f\n',
  '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80}]}]}}\n',
  '{\n  "apiVersion": "v1",\n  "items": [\n    {},\n    []\n  ]\n}\n',
  'resources: {limits: {cpu: 500m, memory: 1Gi}}\nargs: [--port=8080, "--x=y"]\nempty: {}\nnone: []\n',
  '"quoted.key/name": 1\n\'single\': 2\n',
  "a: \"escapes \\\" \\\\ \\n \\u00e9\"\nb: 'it''s'\n",
  'description: café ☕\n',
  'a:\nb:\n  c:\nd: ~\n',
  'containers:\n- name: a\n  ports:\n  - containerPort: 80\n    protocol: TCP\n- name: b\n',
  'a: "x" # comment\nb: [1, 2] # comment\nc: plain value # comment\n',
  'url: http://example.com:8080/path?q=1#fragment\nnegative: -1\nflag: --verbose\n',
  'description: a long\n  text that wraps\n\n  over lines # comment\nnext: 1\n',
  'a:\n  a scalar on its own line\nb:\n  "quoted on its own line"\nc:\n  - x\n',
  '- an item that\n  wraps\n- b: a value that\n    wraps too\n  c: 1\n',
  'a: "long text\n  continued \\\n  joined"\nb: \'single\n\n   quoted\'\nc: ["x\n    y", z]\n',
  'Resources:\n  Bucket:\n    Properties:\n      Name: !Ref Name\n      Arn: !GetAtt Role.Arn # comment\n      Url: !Sub "https://${Host}/x"\n      Policy: !Sub |\n        {"a": 1}\n      Zones: !If [Cond, !Ref A, !Ref AWS::NoValue]\n      Join: !Join\n        - ","\n        - [a, !Ref B]\n      Map: !FindInMap\n      - Table\n      - !Ref C\n      Empty: !Ref\n      Count: !!int "3"\n      Text: !!str 42\n',
];

describe('the subset reader builds what js-yaml builds', () => {
  test.each(ACCEPTED.map((text) => [JSON.stringify(text).slice(0, 60), text]))('reads %s itself', (_name, text) => {
    expect(subsetDocuments(text)).toBeGreaterThan(0);
    expectSameAsJsYaml(text);
  });

  test.each(CASES.map((text) => [JSON.stringify(text).slice(0, 60), text]))('%s', (_name, text) => {
    expectSameAsJsYaml(text);
  });

  test('reads the plain, flow, JSON and literal styles of the bench corpus without giving up', () => {
    const text = deploymentsText(200, 7, '');
    expect(subsetDocuments(text)).toBe(200);
    expectSameAsJsYaml(text);
  });

  test('reads every example manifest and rule page example without giving up', () => {
    const texts = [...exampleManifests(), ...rulePageExamples()];
    expect(texts.length).toBeGreaterThan(60);
    for (const { name, text } of texts) {
      expect([name, subsetDocuments(text) !== undefined]).toEqual([name, true]);
      expectSameAsJsYaml(text);
    }
  });

  test('mutated manifests: whatever the subset reader accepts matches js-yaml', () => {
    const seeds = [deploymentsText(6, 11, ''), ...exampleManifests().map((m) => m.text), ...ACCEPTED, ...CASES.filter((c) => c.length > 8)];
    const random = lcg(0x5eed);
    let accepted = 0;
    let total = 0;
    const differing: string[] = [];
    for (const seed of seeds) {
      for (let i = 0; i < 40; i++) {
        const text = mutate(seed, random);
        total++;
        if (subsetDocuments(text) !== undefined) accepted++;
        const subset = described(parseYaml(text));
        const reference = described(parseYaml(text, undefined, false));
        if (JSON.stringify(subset) !== JSON.stringify(reference)) differing.push(text);
      }
    }
    expect(differing.slice(0, 5)).toEqual([]);
    // The comparison means something only if the subset reader accepted a good share of the mutants.
    expect(accepted).toBeGreaterThan(total / 4);
  });

  test('generated documents: whatever the subset reader accepts matches js-yaml', () => {
    const generator = new DocumentGenerator(lcg(0xd0c5));
    let accepted = 0;
    const differing: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const text = generator.text();
      if (subsetDocuments(text) !== undefined) accepted++;
      if (JSON.stringify(described(parseYaml(text))) !== JSON.stringify(described(parseYaml(text, undefined, false)))) differing.push(text);
    }
    expect(differing.slice(0, 5)).toEqual([]);
    expect(accepted).toBeGreaterThan(600);
  });
});

/**
 * Random documents built from every construct the subset reads, mixed with scalars it must refuse or
 * that are not valid plain scalars at all, comments at any indentation, CRLF and document markers.
 */
class DocumentGenerator {
  private static readonly WORDS = [
    'a',
    'name',
    'nginx:1.2',
    'true',
    'no',
    '0',
    '1.5',
    '0x1F',
    '~',
    'http://x:80/y',
    '-x',
    'a b',
    'x#y',
    'é',
    '{',
    'a,b',
    '[x]',
    ':x',
    '?x',
    '',
    ' ',
    "it's",
    'say "hi"',
    'back\\slash',
    'tab\there',
    'line\nbreak',
    '---',
    '# not',
    'a: b',
    'k:',
  ];
  private static readonly KEYS = ['a', 'b', 'name', 'k', 'x y', 'true', '1'];
  private static readonly TAGS = ['!Ref', '!Sub', '!!str', '!!int', '!!null', '!If', '!e!x', '!'];

  constructor(private readonly random: () => number) {}

  text(): string {
    const documents = Array.from({ length: 1 + this.below(3) }, () => this.document());
    const text = documents.join(this.chance(0.5) ? '---\n' : '');
    return this.chance(0.1) ? text.replace(/\n/g, '\r\n') : text;
  }

  private document(): string {
    const body = this.chance(0.1)
      ? `${JSON.stringify({ a: [1, { b: 'c' }] }, null, this.chance(0.5) ? 2 : 0)}\n`
      : this.chance(0.8)
        ? this.map(this.chance(0.1) ? 2 : 0, 0)
        : this.seq(0, 0);
    return `${this.chance(0.6) ? `---${this.chance(0.2) ? ' # d' : ''}\n` : ''}${body}${this.chance(0.1) ? '...\n' : ''}`;
  }

  private map(indent: number, depth: number): string {
    let out = '';
    for (let i = 1 + this.below(4); i > 0; i--)
      out += `${this.comment(indent)}${' '.repeat(indent)}${this.scalar(this.pick(DocumentGenerator.KEYS))}:${this.value(indent, depth, true)}`;
    return out;
  }

  private seq(indent: number, depth: number): string {
    let out = '';
    for (let i = 1 + this.below(3); i > 0; i--) {
      out += `${this.comment(indent)}${' '.repeat(indent)}-`;
      const r = this.random();
      if (r < 0.4) out += ` ${this.map(indent + 2, depth + 1).replace(/^(\s*#.*\n)*\s*/, '')}`;
      else if (r < 0.6) out += this.value(indent, depth, false);
      else if (r < 0.7) out += `\n${this.map(indent + 2, depth + 1)}`;
      else out += ` ${this.scalar(this.pick(DocumentGenerator.WORDS))}\n`;
    }
    return out;
  }

  /** What follows a key's colon or a dash, through the end of its last line, tagged now and then. */
  private value(indent: number, depth: number, underKey: boolean): string {
    const untagged = this.untaggedValue(indent, depth, underKey);
    return this.chance(0.15) ? ` ${this.pick(DocumentGenerator.TAGS)}${untagged}` : untagged;
  }

  private untaggedValue(indent: number, depth: number, underKey: boolean): string {
    const r = this.random();
    if (r < 0.1) return this.scalarLines(indent);
    if (depth > 4 || r < 0.35)
      return ` ${this.scalar(this.pick(DocumentGenerator.WORDS))}${this.chance(0.1) ? ' # c' : ''}${this.chance(0.05) ? '  ' : ''}\n`;
    if (r < 0.45) return ` ${this.flow(0)}\n`;
    if (r < 0.55) return ` ${this.blockScalar(indent)}`;
    if (r < 0.6) return `${this.chance(0.3) ? ' # c' : ''}\n`;
    if (r < 0.8) return `\n${this.map(indent + this.pick([1, 2, 2, 4]), depth + 1)}`;
    return `\n${this.seq(underKey && this.chance(0.5) ? indent : indent + 2, depth + 1)}`;
  }

  /** A plain scalar that may run on to the next lines, starting on the key's or dash's line or below it. */
  private scalarLines(indent: number): string {
    const word = (): string => this.pick(DocumentGenerator.WORDS);
    const pad = (): string => ' '.repeat(Math.max(0, indent + this.pick([-1, 0, 1, 2, 4])));
    const more = this.chance(0.6) ? `${this.chance(0.3) ? '\n' : ''}${pad()}${word()}${this.chance(0.2) ? ' # c' : ''}\n` : '';
    const r = this.random();
    if (r < 0.4) return ` ${word()}\n${more}`;
    if (r < 0.7) return `${this.chance(0.2) ? ' # c' : ''}\n${pad()}${this.scalar(word())}\n${more}`;
    const quote = this.pick(['"', "'"]);
    return ` ${quote}${word()}${this.chance(0.2) ? '\\' : ''}\n${this.chance(0.3) ? '\n' : ''}${pad()}${word()}${quote}\n`;
  }

  private blockScalar(indent: number): string {
    const pad = ' '.repeat(indent + this.pick([1, 2, 4]));
    const lines = [
      this.pick(['x', 'y z']),
      ...(this.chance(0.5) ? [''] : []),
      ...(this.chance(0.3) ? ['  more'] : []),
      this.pick(['w', '# c']),
    ];
    const body = lines.map((line) => (line === '' ? ' '.repeat(this.below(3)) : pad + line)).join('\n');
    return `${this.pick(['|', '>'])}${this.pick(['', '-', '+'])}${this.chance(0.1) ? ' # h' : ''}\n${body}${this.pick(['\n', '\n\n', '\n\n\n'])}`;
  }

  private flow(depth: number): string {
    if (this.chance(0.1)) return `${this.pick(DocumentGenerator.TAGS)} ${this.flow(depth + 1)}`;
    if (depth > 2 || this.chance(0.4)) return this.scalar(this.pick(DocumentGenerator.WORDS));
    const items = Array.from({ length: this.below(3) }, () =>
      this.chance(0.5)
        ? this.flow(depth + 1)
        : `${this.scalar(this.pick(['a', 'b', 'k y']))}${this.pick([': ', ':'])}${this.flow(depth + 1)}`,
    );
    return this.chance(0.5) ? `[${items.join(this.pick([', ', ',', ' , ']))}]` : `{${items.join(', ')}}`;
  }

  private scalar(value: string): string {
    const r = this.random();
    if (r < 0.35) return JSON.stringify(value);
    if (r < 0.5) return `'${value.replace(/'/g, "''")}'`;
    return value;
  }

  private comment(indent: number): string {
    return this.chance(0.85) ? '' : `${' '.repeat(this.below(indent + 4))}# c${this.chance(0.3) ? ' # x' : ''}\n`;
  }

  private below(n: number): number {
    return Math.floor(this.random() * n);
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(options: T[]): T {
    return options[this.below(options.length)]!;
  }
}

function exampleManifests(): Array<{ name: string; text: string }> {
  const found: Array<{ name: string; text: string }> = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      // Helm templates are not YAML until rendered.
      else if (/\.ya?ml$/.test(entry.name) && !path.includes('/templates/')) {
        found.push({ name: path, text: readFileSync(join(ROOT, path), 'utf8') });
      }
    }
  };
  visit('examples');
  return found;
}

function rulePageExamples(): Array<{ name: string; text: string }> {
  const folder = join(ROOT, 'docs/rules/k8s');
  return readdirSync(folder).flatMap((page) =>
    [...readFileSync(join(folder, page), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m, i) => ({
      name: `${page}#${i}`,
      text: m[1]!,
    })),
  );
}

/**
 * go-yaml, which kubectl reads manifests with, accepts a quoted scalar whose continuation lines are indented
 * less than the block it sits in (it only looks for the closing quote); YAML 1.2, js-yaml and the `yaml`
 * package reject it. Such documents are read in the subset reader's lenient mode, with exact offsets.
 */
describe('what go-yaml accepts beyond YAML 1.2', () => {
  const STATEFUL_SET = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata: {name: db}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: db',
    '          command:',
    '            - "sh -c \'echo start',
    '          && exec db\'"',
    '          securityContext:',
    '            privileged: true',
    '',
  ].join('\n');

  function root(text: string): YMap {
    const parsed = parseYaml(text);
    expect(parsed.errors).toEqual([]);
    return parsed.documents[0]!.root as YMap;
  }

  test('a double-quoted scalar continued less indented than its list entry: read, folded as go-yaml folds it', () => {
    expect(subsetDocuments(STATEFUL_SET)).toBeUndefined();
    const container = (root(STATEFUL_SET).map('spec')!.map('template')!.map('spec')!.get('containers') as YSeq).items[0] as YMap;
    const command = (container.get('command') as YSeq).items[0] as YScalar;
    expect(command.value).toBe("sh -c 'echo start && exec db'");
    expect([command.start, command.end]).toEqual([STATEFUL_SET.indexOf('"sh'), STATEFUL_SET.indexOf('db\'"') + 4]);
    expect(container.map('securityContext')!.get('privileged')).toBeInstanceOf(YScalar);
  });

  test('single-quoted, a CloudFormation description with tags, and the document after it', () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      "      Description: 'Lets the",
      "    pipeline deploy'",
      '      RoleName: !Sub "${AWS::StackName}-deploy"',
      '---',
      'b: 1',
      '',
    ].join('\n');
    const parsed = parseYaml(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents).toHaveLength(2);
    const properties = (parsed.documents[0]!.root as YMap).map('Resources')!.map('Role')!.map('Properties')!;
    expect(properties.get('Description')).toMatchObject({ value: 'Lets the pipeline deploy' });
    expect(properties.get('RoleName')).toMatchObject({ tag: '!Sub', start: text.indexOf('"${') });
  });

  test('what go-yaml rejects too stays an error at its line: a document marker inside the quotes, an unclosed quote', () => {
    expect(parseYaml('a:\n  - "foo\n---\nbar"\n').errors).not.toEqual([]);
    expect(parseYaml('a:\n  - "foo\n bar\n').errors).not.toEqual([]);
  });

  test('its findings point at their lines, and the file is no parse error', () => {
    const result = scan({ files: [{ path: 'db.yaml', text: STATEFUL_SET }], rules: [privilegedContainer] });
    expect(result.findings.map((f) => `${f.ruleId}:${f.range.start.line}`)).toEqual(['k8s/privileged-container:13']);
  });
});

/** A small seeded generator, so every run mutates the same way. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const INSERTIONS = [
  ' ',
  '  ',
  ':',
  ': ',
  '-',
  '- ',
  '#',
  ' #',
  '"',
  "'",
  '\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  '|',
  '>',
  '\t',
  '\r',
  'x',
  '&a',
  '*a',
  '!',
  '!Ref ',
  '!!str ',
  '?',
  '%',
  '\\',
  '---\n',
  '...\n',
  '\r\n',
  'é',
];

function mutate(text: string, random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  const lines = text.split('\n');
  const line = pick(lines.length);
  switch (pick(6)) {
    case 0: {
      const at = pick(text.length + 1);
      return text.slice(0, at) + INSERTIONS[pick(INSERTIONS.length)]! + text.slice(at);
    }
    case 1: {
      const at = pick(text.length);
      return text.slice(0, at) + text.slice(at + 1 + pick(3));
    }
    case 2:
      lines[line] = ' '.repeat(1 + pick(3)) + lines[line]!;
      return lines.join('\n');
    case 3:
      lines[line] = lines[line]!.replace(/^ {1,2}/, '');
      return lines.join('\n');
    case 4:
      lines.splice(line, 0, lines[pick(lines.length)]!);
      return lines.join('\n');
    default: {
      const other = pick(lines.length);
      [lines[line], lines[other]] = [lines[other]!, lines[line]!];
      return lines.join('\n');
    }
  }
}
