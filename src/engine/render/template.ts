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
 */
export function valueRefs(lines: readonly TemplateLine[]): Map<number, ValueRef[]> {
  const refs = new Map<number, ValueRef[]>();
  const stack: Scope[] = [{ dot: ROOT, vars: new Map([['$', ROOT]]), block: 'file' }];
  for (const line of lines) {
    for (const action of line.actions) {
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
        if (target !== undefined) add(refs, line.line, { path: target, dump: false });
        continue;
      }
      if (keyword === 'if') {
        stack.push({ dot: scope.dot, vars: new Map(scope.vars), block: 'if' });
        const target = firstValuePath(code.slice(2), scope);
        if (target !== undefined) add(refs, line.line, { path: target, dump: false });
        continue;
      }
      if (keyword === 'else') continue;
      const assignment = /^(\$\w+)\s*:?=\s*([\s\S]*)$/.exec(code);
      if (assignment) {
        const target = firstValuePath(assignment[2]!, scope);
        scope.vars.set(assignment[1]!, target ?? UNKNOWN);
        continue;
      }
      if (code.startsWith('/*')) continue;
      const target = firstValuePath(code, scope);
      if (target !== undefined) add(refs, line.line, { path: target, dump: /\b(?:toYaml|toJson|toPrettyJson|toRawJson|tpl)\b/.test(code) });
    }
  }
  return refs;
}

const ROOT_FIELDS = new Set(['root', 'context', 'ctx', 'top', 'global', 'Root', 'Context']);

type Binding = ValuePath | typeof ROOT | typeof UNKNOWN;
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

/**
 * The first term of a pipeline that names a value: `.Values.a.b`, `$.Values.a`, `.x` (relative to a
 * `with`/`range` on values), `.`, `$var.x`, or `index .Values "a" "b"`.
 */
function firstValuePath(code: string, scope: Scope): ValuePath | undefined {
  const index = /\bindex\s+(\$?[\w.]*)((?:\s+"[^"]*")+)/.exec(code);
  if (index) {
    const base = resolveTerm(index[1]!, scope);
    if (base !== undefined) return [...base, ...[...index[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!)];
  }
  for (const match of code.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""').matchAll(/(?:^|[\s(|])(\$[\w]*(?:\.[\w]+)*|\.(?:[\w]+(?:\.[\w]+)*)?)(?=$|[\s)|])/g)) {
    const path = resolveTerm(match[1]!, scope);
    if (path !== undefined) return path;
  }
  return undefined;
}

function resolveTerm(term: string, scope: Scope): ValuePath | undefined {
  let base: Binding;
  let rest: string[];
  if (term.startsWith('$')) {
    const [name, ...fields] = term.split('.');
    base = scope.vars.get(name!) ?? UNKNOWN;
    rest = fields;
  } else {
    base = scope.dot;
    rest = term === '.' ? [] : term.slice(1).split('.');
  }
  if (base === UNKNOWN) return undefined;
  if (base === ROOT) {
    if (rest[0] === 'Values') return rest.slice(1);
    // Helpers called with a dict that carries the root context: `(dict "root" $ ...)`, `.context`, `.top`.
    if (ROOT_FIELDS.has(rest[0] ?? '') && rest[1] === 'Values') return rest.slice(2);
    return undefined;
  }
  return [...base, ...rest];
}
