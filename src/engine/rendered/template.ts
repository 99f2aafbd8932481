/**
 * A line-by-line reading of a Helm (Go) template: where its actions are, what literal text each line has,
 * and which `.Values` paths its actions read. Marker injection and value tracking are built on it. It is
 * a reading for locating things, not a Go template parser: whatever it cannot place it leaves alone, and
 * leaving a line alone only makes a finding's location less exact, never wrong.
 */

export interface Action {
  /** Offsets into the template text: `{{` and just after `}}`. */
  start: number;
  end: number;
  /** The action's code, without the braces and trim markers. */
  code: string;
  trimLeft: boolean;
  trimRight: boolean;
}

export interface TemplateLine {
  /** One-based. */
  line: number;
  start: number;
  /** Offset of the line's end (its `\n`, or the text's end). */
  end: number;
  /** Whether the line starts, or ends, inside a multi-line action. */
  startsInAction: boolean;
  endsInAction: boolean;
  /** Actions that start on this line. */
  actions: Action[];
  /** The line's text with every action replaced by `x` (what YAML structure it has of its own). */
  literal: string;
}

/** A `.Values` path as the template reads it; `*` stands for an element of a list or map being ranged over. */
export type ValuePath = ReadonlyArray<string>;

export interface ValueRef {
  path: ValuePath;
  /** Whether the action writes a whole block of YAML (`toYaml`, `toJson`, `tpl`) rather than one scalar. */
  dump: boolean;
}

/** Splits a template into its lines and actions. */
export function templateLines(text: string): TemplateLine[] {
  const actions = findActions(text);
  const lines: TemplateLine[] = [];
  let a = 0;
  let lineStart = 0;
  let number = 1;
  let openUntil = -1; // end of the action that is open across a line break
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    const startsInAction = openUntil > lineStart;
    const mine: Action[] = [];
    let literal = '';
    let cursor = startsInAction ? Math.min(openUntil, end) : lineStart;
    while (a < actions.length && actions[a]!.start < end) {
      const action = actions[a]!;
      literal += text.slice(cursor, action.start);
      if (action.end > end) {
        // The action runs past this line: what follows on the line is its code.
        mine.push(action);
        literal += 'x';
        cursor = end;
        openUntil = action.end;
        a++;
        break;
      }
      mine.push(action);
      literal += 'x';
      cursor = action.end;
      a++;
    }
    const endsInAction = openUntil > end;
    if (!endsInAction && cursor < end) literal += text.slice(cursor, end);
    lines.push({ line: number, start: lineStart, end, startsInAction, endsInAction, actions: mine, literal: literal.replace(/\r$/, '') });
    if (end === text.length) break;
    lineStart = end + 1;
    number++;
  }
  return lines;
}

/** Every `{{ ... }}` of the text, with Go's string and comment syntax respected inside actions. */
export function findActions(text: string): Action[] {
  const actions: Action[] = [];
  let i = text.indexOf('{{');
  while (i !== -1) {
    const end = actionEnd(text, i + 2);
    if (end === -1) break;
    let codeStart = i + 2;
    let codeEnd = end - 2;
    const trimLeft = text[codeStart] === '-' && /\s/.test(text[codeStart + 1] ?? '');
    if (trimLeft) codeStart += 2;
    const trimRight = text[codeEnd - 1] === '-' && /\s/.test(text[codeEnd - 2] ?? '');
    if (trimRight) codeEnd -= 2;
    actions.push({ start: i, end, code: text.slice(codeStart, codeEnd).trim(), trimLeft, trimRight });
    i = text.indexOf('{{', end);
  }
  return actions;
}

function actionEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i++;
      while (i < text.length && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      if (close === -1) return -1;
      i = close + 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) return -1;
      i = close + 2;
    } else if (ch === '}' && text[i + 1] === '}') {
      return i + 2;
    } else {
      i++;
    }
  }
  return -1;
}

const CONTROL = /^(?:if|else|end|range|with|define|block|template|break|continue)\b|^\/\*|^\$[\w]*\s*:?=/;

/** Whether an action writes nothing (control flow, a comment, a variable assignment). */
export function isControl(action: Action): boolean {
  return CONTROL.test(action.code);
}

/**
 * The `.Values` paths each line's actions read, resolved through `with`, `range` and variables (`$x :=`),
 * by line number. A `define` body reads `.` as the root context, as charts call their helpers with `.`.
 * With the chart's helpers, a line that includes one (`include "x.image" (dict "imageRoot" .Values.image)`)
 * reads what the helper reads, its dict's keys bound to the values passed in.
 */
export function valueRefs(lines: readonly TemplateLine[], helpers?: HelperIndex): Map<number, ValueRef[]> {
  const refs = new Map<number, ValueRef[]>();
  const entries = lines.flatMap((line) => line.actions.map((action) => ({ line: line.line, action })));
  walk(entries, { dot: ROOT, vars: new Map([['$', ROOT]]), block: 'file' }, helpers, 0, (line, ref) => add(refs, line, ref));
  return refs;
}

/** The helpers (`define` blocks) of a chart's templates, by name, with what each reads for a given argument. */
export class HelperIndex {
  private readonly bodies = new Map<string, Entry[]>();
  private readonly cache = new Map<string, ValueRef[]>();

  constructor(templates: ReadonlyArray<readonly TemplateLine[]>) {
    for (const lines of templates) {
      const entries = lines.flatMap((line) => line.actions.map((action) => ({ line: line.line, action })));
      for (let i = 0; i < entries.length; i++) {
        const name = /^define\s+"([^"]+)"/.exec(entries[i]!.action.code)?.[1];
        if (name === undefined) continue;
        let depth = 0;
        let j = i + 1;
        for (; j < entries.length; j++) {
          const keyword = /^(if|range|with|define|block|end)\b/.exec(entries[j]!.action.code)?.[1];
          if (keyword === 'end') {
            if (depth === 0) break;
            depth--;
          } else if (keyword) depth++;
        }
        // Helm lets a later definition replace an earlier one; library charts load before their parents.
        this.bodies.set(name, entries.slice(i + 1, j));
        i = j;
      }
    }
  }

  has(name: string): boolean {
    return this.bodies.has(name);
  }

  /** The values paths the helper reads when called with `argument`, however deep it includes others. */
  refs(name: string, argument: Binding, depth: number): ValueRef[] {
    const body = this.bodies.get(name);
    if (!body || depth > MAX_INCLUDE_DEPTH) return [];
    const key = `${name}\u0000${depth}\u0000${bindingKey(argument)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    this.cache.set(key, []); // a helper that includes itself reads nothing more
    const found: ValueRef[] = [];
    walk(body, { dot: argument, vars: new Map([['$', argument]]), block: 'define' }, this, depth, (_line, ref) => found.push(ref));
    this.cache.set(key, found);
    return found;
  }
}

const MAX_INCLUDE_DEPTH = 4;

interface Entry {
  line: number;
  action: Action;
}

function walk(
  entries: readonly Entry[],
  start: Scope,
  helpers: HelperIndex | undefined,
  depth: number,
  out: (line: number, ref: ValueRef) => void,
): void {
  const stack: Scope[] = [start];
  for (const { line, action } of entries) {
    const scope = stack[stack.length - 1]!;
    const code = action.code;
    const keyword = /^(if|else|end|range|with|define|block)\b/.exec(code)?.[1];
    if (keyword === 'end') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (keyword === 'define' || keyword === 'block') {
      stack.push({ dot: ROOT, vars: new Map([['$', ROOT]]), block: keyword });
      continue;
    }
    if (keyword === 'with' || keyword === 'range') {
      const body = code.slice(keyword.length).trim();
      const declared = /^(\$\w+)(?:\s*,\s*(\$\w+))?\s*:=\s*([\s\S]*)$/.exec(body);
      const expression = declared ? declared[3]! : body;
      const target = firstValuePath(expression, scope);
      const element: Binding = target === undefined ? UNKNOWN : keyword === 'range' ? [...target, '*'] : target;
      const vars = new Map(scope.vars);
      if (declared) {
        const [, first, second] = declared;
        if (keyword === 'range' && second) {
          vars.set(first!, UNKNOWN);
          vars.set(second, element);
        } else {
          vars.set(first!, element);
        }
      }
      stack.push({ dot: element, vars, block: keyword });
      if (target !== undefined) out(line, { path: target, dump: false });
      continue;
    }
    if (keyword === 'if') {
      stack.push({ dot: scope.dot, vars: new Map(scope.vars), block: 'if' });
      const target = firstValuePath(code.slice(2), scope);
      if (target !== undefined) out(line, { path: target, dump: false });
      continue;
    }
    if (keyword === 'else') continue;
    const assignment = /^(\$\w+)\s*:?=\s*([\s\S]*)$/.exec(code);
    if (assignment) {
      const expression = assignment[2]!.trim();
      // `$ctx := .context` keeps a dict or the root; anything else, the first value it reads.
      const whole = /^(\$[\w]*(?:\.[\w]+)*|\.(?:[\w]+(?:\.[\w]+)*)?)$/.test(expression) ? termBinding(expression, scope) : undefined;
      scope.vars.set(assignment[1]!, whole ?? firstValuePath(expression, scope) ?? UNKNOWN);
      continue;
    }
    if (code.startsWith('/*')) continue;
    const dump = /\b(?:toYaml|toJson|toPrettyJson|toRawJson|tpl)\b/.test(code);
    const call = /\b(?:include|template)\s+"([^"]+)"\s*([\s\S]*)$/.exec(code);
    if (call && helpers?.has(call[1]!)) {
      // What the helper reads, its argument bound as passed; written as a block when the call's result is dumped.
      for (const ref of helpers.refs(call[1]!, argumentBinding(call[2]!, scope), depth + 1)) out(line, dump ? { ...ref, dump: true } : ref);
      continue;
    }
    // Every value the action reads (`printf "%s:%s" .Values.image.repository .Values.image.tag`), in order.
    for (const path of valuePaths(code, scope)) out(line, { path, dump });
  }
}

const ROOT_FIELDS = new Set(['root', 'context', 'ctx', 'top', 'global', 'Root', 'Context']);

/** What a name stands for: a values path, the root context, a dict built for a helper, or something unknown. */
type Binding = ValuePath | typeof ROOT | typeof UNKNOWN | DictBinding;
interface DictBinding {
  dict: Map<string, Binding>;
}
const ROOT = Symbol('root');
const UNKNOWN = Symbol('unknown');

interface Scope {
  dot: Binding;
  vars: Map<string, Binding>;
  block: string;
}

function add(refs: Map<number, ValueRef[]>, line: number, ref: ValueRef): void {
  const list = refs.get(line);
  if (list) list.push(ref);
  else refs.set(line, [ref]);
}

const TERM = /(?:^|[\s(|])(\$[\w]*(?:\.[\w]+)*|\.(?:[\w]+(?:\.[\w]+)*)?)(?=$|[\s)|])/g;

/**
 * The first term of a pipeline that names a value: `.Values.a.b`, `$.Values.a`, `.x` (relative to a
 * `with`/`range` on values), `.`, `$var.x`, or `index .Values "a" "b"`.
 */
function firstValuePath(code: string, scope: Scope): ValuePath | undefined {
  return valuePaths(code, scope)[0];
}

/** Every term of an action that names a value, in the order written. */
function valuePaths(code: string, scope: Scope): ValuePath[] {
  const paths: ValuePath[] = [];
  const index = /\bindex\s+(\$?[\w.]*)((?:\s+"[^"]*")+)/.exec(code);
  if (index) {
    const base = resolveTerm(index[1]!, scope);
    if (base !== undefined) paths.push([...base, ...[...index[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!)]);
  }
  for (const match of code.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""').matchAll(TERM)) {
    const path = resolveTerm(match[1]!, scope);
    if (path !== undefined && path.length > 0 && !paths.some((p) => p.join('.') === path.join('.'))) paths.push(path);
  }
  return paths;
}

function resolveTerm(term: string, scope: Scope): ValuePath | undefined {
  const binding = termBinding(term, scope);
  return Array.isArray(binding) ? binding : undefined;
}

/** What a term (`.`, `.a.b`, `$`, `$x.y`) stands for in the scope. */
function termBinding(term: string, scope: Scope): Binding {
  if (term.startsWith('$')) {
    const [name, ...fields] = term.split('.');
    return descend(scope.vars.get(name!) ?? UNKNOWN, fields);
  }
  return descend(scope.dot, term === '.' ? [] : term.slice(1).split('.'));
}

function descend(base: Binding, fields: readonly string[]): Binding {
  if (fields.length === 0 || base === UNKNOWN) return base;
  if (base === ROOT) {
    if (fields[0] === 'Values') return fields.slice(1);
    // Helpers called with a dict that carries the root context: `(dict "root" $ ...)`, `.context`, `.top`.
    if (ROOT_FIELDS.has(fields[0]!) && fields[1] === 'Values') return fields.slice(2);
    return UNKNOWN;
  }
  if (isDict(base)) return descend(base.dict.get(fields[0]!) ?? UNKNOWN, fields.slice(1));
  return [...base, ...fields];
}

function isDict(binding: Binding): binding is DictBinding {
  return typeof binding === 'object' && !Array.isArray(binding);
}

/** A helper's argument: `.`, `$`, `.Values.x`, `$var`, or `(dict "key" <term> ...)`; anything else is unknown. */
function argumentBinding(text: string, scope: Scope): Binding {
  const argument = firstToken(text.trim());
  if (argument.startsWith('(')) {
    const inner = tokens(argument.slice(1, argument.endsWith(')') ? -1 : undefined));
    if (inner[0] !== 'dict') return UNKNOWN;
    const dict = new Map<string, Binding>();
    for (let i = 1; i + 1 < inner.length; i += 2) {
      const key = /^"([^"]*)"$/.exec(inner[i]!)?.[1];
      if (key === undefined) continue;
      const value = inner[i + 1]!;
      dict.set(key, value.startsWith('$') || value.startsWith('.') ? termBinding(value, scope) : UNKNOWN);
    }
    return { dict };
  }
  return argument.startsWith('$') || argument.startsWith('.') ? termBinding(argument, scope) : UNKNOWN;
}

/** The first token of an expression: a parenthesised group, a quoted string, or a bare word. */
function firstToken(text: string): string {
  return tokens(text)[0] ?? '';
}

/** Top-level tokens of an expression, up to a pipe: parenthesised groups and quoted strings stay whole. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '|') break;
    let j = i;
    if (ch === '(') {
      let depth = 0;
      for (; j < text.length; j++) {
        if (text[j] === '"') j = skipString(text, j);
        else if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      j++;
    } else if (ch === '"') {
      j = skipString(text, i) + 1;
    } else {
      while (j < text.length && !/[\s()|]/.test(text[j]!)) j++;
    }
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

function skipString(text: string, at: number): number {
  let j = at + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j;
}

function bindingKey(binding: Binding): string {
  if (binding === ROOT) return 'root';
  if (binding === UNKNOWN) return '?';
  if (isDict(binding)) return `{${[...binding.dict].map(([k, v]) => `${k}=${bindingKey(v)}`).join(',')}}`;
  return binding.join('.');
}
