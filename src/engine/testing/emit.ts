/**
 * A small YAML writer for the benchmark corpus. Block style by default; values under chosen keys are
 * written in flow style (`{cpu: 500m}`, `[a, b]`), as hand-written manifests mix both. Multi-line
 * strings become literal blocks (`|`) in block style and quoted strings in flow style.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface EmitOptions {
  /** Keys whose values are written in flow style. */
  flowKeys?: ReadonlySet<string>;
  /** Indent a block sequence under its key (`key:\n  - a`), or not (`key:\n- a`, as kubectl writes). */
  indentSequences?: boolean;
}

interface Style {
  flowKeys: ReadonlySet<string>;
  seqIndent: number;
}

const NO_FLOW: ReadonlySet<string> = new Set();

export function toYaml(value: Value, options: EmitOptions = {}): string {
  const style: Style = { flowKeys: options.flowKeys ?? NO_FLOW, seqIndent: options.indentSequences === false ? 0 : 2 };
  if (isMap(value) && Object.keys(value).length > 0) return `${mapLines(value, 0, style).join('\n')}\n`;
  if (Array.isArray(value) && value.length > 0) return `${seqLines(value, 0, style).join('\n')}\n`;
  return `${flow(value)}\n`;
}

function mapLines(map: { [key: string]: Value }, indent: number, style: Style): string[] {
  const pad = ' '.repeat(indent);
  return Object.entries(map).flatMap(([key, value]) =>
    field(`${pad}${scalar(key, false)}:`, value, indent, style.flowKeys.has(key), style),
  );
}

function seqLines(items: Value[], indent: number, style: Style): string[] {
  const pad = ' '.repeat(indent);
  return items.flatMap((item) => {
    if (isMap(item) && Object.keys(item).length > 0) {
      // Compact form: the map's first key sits on the dash's line.
      const lines = mapLines(item, indent + 2, style);
      lines[0] = `${pad}- ${lines[0]!.slice(indent + 2)}`;
      return lines;
    }
    // A sequence directly inside a sequence is written in flow style: `- [a, b]`.
    return field(`${pad}-`, item, indent, Array.isArray(item), style);
  });
}

/** `head` (a key and its colon, or a dash) and its value: on the same line when it fits there, else nested below. */
function field(head: string, value: Value, indent: number, asFlow: boolean, style: Style): string[] {
  if (asFlow || !isCollection(value) || isEmpty(value)) {
    if (!asFlow && typeof value === 'string' && value.includes('\n')) return literal(head, value, indent);
    return [`${head} ${flow(value)}`];
  }
  if (Array.isArray(value)) return [head, ...seqLines(value, indent + style.seqIndent, style)];
  return [head, ...mapLines(value as { [key: string]: Value }, indent + 2, style)];
}

function literal(head: string, text: string, indent: number): string[] {
  const pad = ' '.repeat(indent + 2);
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return [`${head} ${text.endsWith('\n') ? '|' : '|-'}`, ...body.split('\n').map((line) => (line === '' ? '' : pad + line))];
}

function flow(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (isMap(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${scalar(k, true)}: ${flow(v)}`)
      .join(', ')}}`;
  return scalar(value, true);
}

// Plain scalars that stay strings under YAML 1.1 and 1.2 alike; anything else is double-quoted.
const PLAIN = /^[A-Za-z0-9_/.][A-Za-z0-9_./:@+=-]*$/;
const NUMBER_LIKE = /^[-+0-9._:eExXoObB]+$/;
const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/;

function scalar(value: Exclude<Value, Value[] | { [key: string]: Value }>, inFlow: boolean): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plain = PLAIN.test(value) && !NUMBER_LIKE.test(value) && !RESERVED.test(value) && !(inFlow && /[[\]{},]/.test(value));
  return plain ? value : JSON.stringify(value);
}

function isMap(value: Value): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCollection(value: Value): value is Value[] | { [key: string]: Value } {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: Value[] | { [key: string]: Value }): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}
