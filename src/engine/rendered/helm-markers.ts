import { isControl, templateLines, type TemplateLine } from './template.js';

/**
 * Marker comments: before `helm template` runs, a temporary copy of each template gets, on every line
 * that writes YAML structure of its own (a `key:` or a `- ` item), a YAML comment naming the template
 * and the line: ` #bulwark-<token>@<file>:<line>`. Helm copies literal text through, so each rendered line
 * that came from a template line carries its origin, through `include`, `range`, `with`, `if` and helpers.
 * The markers are stripped from the output before it is parsed, which restores the text Helm would
 * have written without them.
 *
 * The token is random, made for each rendering by the caller (the engine has no randomness) after the
 * chart's files were read: values and templates come from the pull request, and a value that spells out
 * a marker (`"true #bulwark-…@0:1"`) must stay text, never move a finding to a line of its choosing.
 *
 * A marker is left out wherever it could change what Helm writes: inside an action, after an action
 * that trims the whitespace after it (`-}}`), in a block scalar's body, on lines with an open quote or
 * flow collection, and on `---` separators (Helm splits documents on them).
 */

/** What a marker token may be: hexadecimal, long enough not to be guessed. */
const TOKEN = /^[0-9a-f]{16,64}$/;

function markerPrefix(token: string): string {
  if (!TOKEN.test(token)) throw new Error('a Helm marker token is 16 to 64 hexadecimal digits');
  return ` #bulwark-${token}@`;
}

/** Every marker of this token on a line: ` #bulwark-<token>@<file>:<line>`. */
export function markerPattern(token: string): RegExp {
  return new RegExp(`${markerPrefix(token)}(\\d+):(\\d+)`, 'g');
}

/** A template line the output may come from. */
export interface Origin {
  file: number;
  line: number;
}

/** Which lines of a template get a marker, and where on the line it goes. */
export function markerPlan(text: string): Map<number, number> {
  const plan = new Map<number, number>();
  // JSON manifests: a comment is not JSON, and Helm's own JSON reading would fail on one.
  if (/^\s*\{(?!\{)/.test(text)) return plan;
  const lines = templateLines(text);
  let blockIndent = -1;
  for (const line of lines) {
    const literal = line.literal;
    const indent = literal.length - literal.trimStart().length;
    if (blockIndent >= 0) {
      if (literal.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (line.startsInAction || line.endsInAction) continue;
    const structure = literal.trim();
    // A block scalar's header (`key: |`, `- >-`): the lines indented under it are its text, not YAML.
    if (/(?:^-|:)\s+[|>][1-9+-]{0,2}$/.test(structure)) blockIndent = indent;
    if (!isStructural(structure)) continue;
    const offset = placement(text, line);
    if (offset !== undefined) plan.set(line.line, offset);
  }
  return plan;
}

/** The template with its markers, `file` being the index the markers name it by. */
export function markTemplate(text: string, file: number, token: string): string {
  const marker = markerPrefix(token);
  const plan = markerPlan(text);
  if (plan.size === 0) return text;
  const inserts = [...plan.entries()].sort((a, b) => a[1] - b[1]);
  let out = '';
  let cursor = 0;
  for (const [line, offset] of inserts) {
    out += text.slice(cursor, offset) + `${marker}${file}:${line}`;
    cursor = offset;
  }
  return out + text.slice(cursor);
}

/** A key (`name:`, `"a b":`, `x:` for a templated key) or a list item, and nothing that would break. */
function isStructural(structure: string): boolean {
  if (structure === '' || structure.startsWith('#') || /^(?:---|\.\.\.)(?:\s|$)/.test(structure)) return false;
  if (!/^(?:-\s+)*(?:"[^"]*"|'[^']*'|[^\s#"'[\]{},][^#]*?)\s*:(?:\s|$)/.test(structure) && !/^-(?:\s|$)/.test(structure)) return false;
  const withoutQuoted = structure.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '');
  if (/["']/.test(withoutQuoted)) return false; // a quote left open across lines
  const opens = (withoutQuoted.match(/[[{]/g) ?? []).length;
  const closes = (withoutQuoted.match(/[\]}]/g) ?? []).length;
  return opens === closes;
}

/**
 * Where the marker goes on a line: after its last non-blank character; or, when the line ends in an
 * action that writes a block starting on a new line (`| nindent N`), before that action, so the marker
 * stays on the key's line and the block's lines stay unmarked (value tracking places them).
 */
function placement(text: string, line: TemplateLine): number | undefined {
  const last = line.actions[line.actions.length - 1];
  const tail = last ? text.slice(last.end, line.end) : '';
  if (last && tail.trim() === '') {
    if (last.trimRight) return undefined;
    if (/\|\s*nindent\s+\S+\s*$/.test(last.code) && !isControl(last)) {
      const before = text.slice(line.start, last.start);
      if (before.trim() === '') return undefined;
      return line.start + before.trimEnd().length;
    }
  }
  const content = text.slice(line.start, line.end).replace(/\s+$/, '');
  return line.start + content.length;
}

/**
 * Rendered output with the markers of `token` taken out, and the origin of each of its lines (one-based).
 * Without a token (output rendered unmarked) no line has an origin, and the output is left as it is.
 */
export function stripMarkers(output: string, token: string | undefined): { text: string; origins: Array<Origin | undefined> } {
  const origins: Array<Origin | undefined> = [undefined];
  const lines = output.split('\n');
  if (token === undefined) return { text: output, origins: [...origins, ...lines.map(() => undefined)] };
  const pattern = markerPattern(token);
  const clean = lines.map((line) => {
    pattern.lastIndex = 0;
    const first = pattern.exec(line);
    origins.push(first ? { file: Number(first[1]), line: Number(first[2]) } : undefined);
    return first ? line.replace(pattern, '') : line;
  });
  return { text: clean.join('\n'), origins };
}
