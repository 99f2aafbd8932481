import { isReference, isUnknown, REFERENCE_TAG, UNKNOWN_TAG } from './iac.js';
import {
  MAX_DEPTH,
  type CallExpr,
  type Expr,
  type HclBlock,
  type ObjectElem,
  type Step,
  type TemplateExpr,
  type TraversalExpr,
} from './terraform-ast.js';
import { joinPieces, originOf, recordOrigin, relocate, type StringPiece } from './terraform-strings.js';
import { YMap, YScalar, YSeq, type YNode } from './yaml.js';

/**
 * Terraform expressions evaluated into positioned values (the YMap/YSeq/YScalar trees rules read),
 * honest about what cannot be known statically. Known: literals, lists, objects, strings whose
 * interpolations are known, heredocs, `jsonencode`/`tolist`/`toset`/`concat` of known values, and
 * `var.x` / `local.x` from the module's variable defaults and locals. Anything else is a scalar tagged
 * REFERENCE_TAG (a plain traversal such as `aws_ecr_repository.app.name`, the text naming it) or
 * UNKNOWN_TAG (conditionals, `for`, other functions, splats), on which no rule fires.
 */

/** Scalar styles, numbered as js-yaml numbers them, so `YScalar.quoted` means what it means for YAML. */
const PLAIN = 1;
const DOUBLE_QUOTED = 3;
const LITERAL_BLOCK = 4;

/** Tag of the value of `jsonencode(...)`: the encoded object itself, as a tree. */
export const JSONENCODE_TAG = '!jsonencode';

/** Values produced per file at most; beyond, unknown (locals that refer to each other can multiply). */
const MAX_NODES = 500_000;

/** What `var.x` and `local.x` resolve to: declarations of the module (the file's folder). */
export interface ModuleValues {
  /** The `default` of `variable "name"`, or undefined when there is none. */
  variableDefault(name: string): Expr | undefined;
  local(name: string): Expr | undefined;
}

/** Offsets every value is placed at when it is evaluated away from its source (a variable default). */
interface Place {
  start: number;
  end: number;
}

/** An attribute whose value the evaluator left partly unknown because of its own limits, not the code's. */
export interface NotEvaluated {
  /** Offset of the attribute's name. */
  offset: number;
  name: string;
}

/** A local's value, evaluated once at its own source and placed where each use is. */
interface LocalValue {
  node: YNode;
  /** Whether the evaluator's limits cut it short. */
  cut: boolean;
}

export class Evaluator {
  private depth = 0;
  private produced = 0;
  /** How many times the limits cut an evaluation short (nesting, value size); compared before and after. */
  private cuts = 0;
  /** How many times a local was met inside its own evaluation (a cycle); what depends on it is not kept. */
  private cycles = 0;
  private readonly localsInUse = new Set<string>();
  private readonly locals = new Map<string, LocalValue>();
  /** Attributes evaluated only in part because of the limits: said as findings, never lost in silence. */
  readonly notEvaluated: NotEvaluated[] = [];

  constructor(private readonly module: ModuleValues) {}

  /**
   * A block's attributes and nested blocks, as a map that starts at the block's type keyword. Nested
   * blocks of one type form a list (whatever their count) under a key at the first one; a `dynamic`
   * block makes its type unknown, static blocks of that type included, since their full list is not known.
   */
  block(block: HclBlock): YMap {
    const map = new YMap(block.start, false, undefined);
    map.end = block.end;
    const dynamic = new Map<string, YScalar>();
    for (const item of block.items) {
      if (item.kind === 'attribute') {
        map.keys.push(new YScalar(item.start, item.nameEnd, item.name, item.name, PLAIN, undefined, false));
        const cuts = this.cuts;
        map.values.push(this.value(item.value));
        if (this.cuts > cuts) this.notEvaluated.push({ offset: item.start, name: item.name });
      } else if (item.kind === 'block') {
        // A block list is the only non-flow list in a body (attribute lists are `[...]`, flow).
        let list = map.get(item.type);
        if (!(list instanceof YSeq) || list.flow) {
          list = new YSeq(item.start, false, undefined);
          map.keys.push(new YScalar(item.start, item.typeEnd, item.type, item.type, PLAIN, undefined, false));
          map.values.push(list);
        }
        list.items.push(this.block(item));
        list.end = item.end;
      } else if (!dynamic.has(item.label)) {
        const unknown = new YScalar(item.start, item.end, `dynamic "${item.label}"`, null, PLAIN, UNKNOWN_TAG, false);
        dynamic.set(item.label, unknown);
        if (map.indexOf(item.label) === -1) {
          map.keys.push(new YScalar(item.start, item.start + 'dynamic'.length, item.label, item.label, PLAIN, undefined, false));
          map.values.push(unknown);
        }
      }
    }
    for (const [label, unknown] of dynamic) map.values[map.indexOf(label)] = unknown;
    return map;
  }

  /**
   * The value of an expression. With `at`, every node is placed there instead of at its own source: a
   * variable default or a local is placed where it is used (the attribute of the resource), so that a
   * finding about it points at the resource, in the resource's file, while the value is the default's.
   */
  value(expr: Expr, at?: Place): YNode {
    if (this.depth >= MAX_DEPTH || this.produced >= MAX_NODES) {
      this.cuts++;
      return this.unknown(expr, at);
    }
    this.depth++;
    this.produced++;
    try {
      return this.evaluate(expr, at);
    } finally {
      this.depth--;
    }
  }

  private evaluate(expr: Expr, at: Place | undefined): YNode {
    const start = at?.start ?? expr.start;
    const end = at?.end ?? expr.end;
    switch (expr.kind) {
      case 'literal':
        return new YScalar(start, end, expr.text, expr.value, PLAIN, undefined, false);
      case 'template':
        return this.template(expr, at);
      case 'tuple': {
        const seq = new YSeq(start, true, undefined);
        for (const item of expr.items) seq.items.push(this.value(item, at));
        seq.end = end;
        return seq;
      }
      case 'object': {
        const map = new YMap(start, true, undefined);
        for (const elem of expr.elems) {
          map.keys.push(this.key(elem, at));
          map.values.push(elem.dynamic ? this.unknown(elem.value, at) : this.value(elem.value, at));
        }
        map.end = end;
        return map;
      }
      case 'traversal':
        return this.traversal(expr, at);
      case 'access':
        return this.follow(this.value(expr.base, at), expr.steps, expr, at);
      case 'call':
        return this.call(expr, at);
      case 'unary': {
        const operand = this.value(expr.operand, at);
        if (!(operand instanceof YScalar) || isUnknown(operand)) return this.unknown(expr, at);
        if (expr.operator === '-' && typeof operand.value === 'number') return this.scalar(-operand.value, start, end);
        if (expr.operator === '!' && typeof operand.value === 'boolean') return this.scalar(!operand.value, start, end);
        return this.unknown(expr, at);
      }
      case 'opaque':
        return this.unknown(expr, at);
    }
  }

  private scalar(value: number | boolean, start: number, end: number): YScalar {
    return new YScalar(start, end, String(value), value, PLAIN, undefined, false);
  }

  private key(elem: ObjectElem, at: Place | undefined): YScalar {
    const key = this.value(elem.key, at);
    if (key instanceof YScalar && !isUnknown(key) && key.value !== null) {
      return new YScalar(key.start, key.end, key.text, key.text, key.style, undefined, false);
    }
    return this.unknown(elem.key, at);
  }

  /**
   * A string. `"${x}"` alone is x itself (Terraform does not convert it); otherwise the parts are joined
   * when all are known, and the string is unknown when one is not. Either way the scalar remembers its
   * pieces, so that JSON inside it can still be read (see jsonInString).
   */
  private template(expr: TemplateExpr, at: Place | undefined): YNode {
    const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
    if (only?.kind === 'interpolation' && only.expr) return this.value(only.expr, at);
    const pieces: StringPiece[] = [];
    let known = true;
    for (const part of expr.parts) {
      if (part.kind === 'text') {
        for (const piece of part.pieces) pieces.push(piece);
        continue;
      }
      const value = part.kind === 'interpolation' && part.expr ? this.value(part.expr, at) : undefined;
      const text = value instanceof YScalar && !isUnknown(value) ? stringForm(value) : undefined;
      if (text !== undefined) {
        pieces.push({ text, at: part.start, exact: false, span: part.end - part.start });
        continue;
      }
      known = false;
      const reference = isReference(value) ? value.text : undefined;
      const unknown = reference !== undefined ? { reference } : {};
      pieces.push({
        text: reference !== undefined ? `\${${reference}}` : part.text,
        at: part.start,
        exact: false,
        span: part.end - part.start,
        unknown,
      });
    }
    const placed = at ? relocate(pieces, at) : pieces;
    const text = joinPieces(placed);
    const start = at?.start ?? expr.start;
    const end = at?.end ?? expr.end;
    const scalar = known
      ? new YScalar(start, end, text, text, expr.heredoc ? LITERAL_BLOCK : DOUBLE_QUOTED, undefined, false)
      : new YScalar(start, end, text, null, PLAIN, UNKNOWN_TAG, false);
    recordOrigin(scalar, placed);
    return scalar;
  }

  private traversal(expr: TraversalExpr, at: Place | undefined): YNode {
    const place = at ?? { start: expr.start, end: expr.end };
    const [first, ...rest] = expr.steps;
    if (first?.kind === 'attr' && expr.root === 'var') {
      const fallback = this.module.variableDefault(first.name);
      if (fallback) return this.follow(this.value(fallback, place), rest, expr, place);
    }
    if (first?.kind === 'attr' && expr.root === 'local') {
      const local = this.local(first.name);
      if (local) {
        if (local.cut) this.cuts++;
        return this.follow(this.placed(local.node, place), rest, expr, place);
      }
    }
    const text = traversalText(expr.root, expr.steps);
    return text === undefined ? this.unknown(expr, place) : this.reference(text, place);
  }

  /** Attribute and index steps into a value; into a reference, they extend it (`local.repo` → `aws_ecr_repository.app` → `.name`). */
  private follow(node: YNode, steps: readonly Step[], expr: Expr, at: Place | undefined): YNode {
    let current = node;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (isReference(current)) {
        const text = traversalText(current.text, steps.slice(i));
        return text === undefined ? this.unknown(expr, at) : this.reference(text, at ?? expr);
      }
      if (isUnknown(current)) return this.unknown(expr, at);
      let next: YNode | undefined;
      if (step.kind === 'attr' && current instanceof YMap) next = current.get(step.name);
      else if (step.kind === 'index') {
        const key = this.value(step.key, at);
        if (key instanceof YScalar && !isUnknown(key)) {
          if (current instanceof YSeq && typeof key.value === 'number') next = current.items[key.value];
          else if (current instanceof YMap) next = current.get(key.text);
        }
      }
      if (!next) return this.unknown(expr, at);
      current = next;
    }
    return current;
  }

  private call(expr: CallExpr, at: Place | undefined): YNode {
    if (expr.expanded) return this.unknown(expr, at);
    const [first] = expr.args;
    switch (expr.name) {
      case 'jsonencode': {
        if (expr.args.length !== 1 || !first) break;
        const value = this.value(first, at);
        if (value instanceof YMap || value instanceof YSeq) return retagged(value, JSONENCODE_TAG);
        if (value instanceof YScalar && !isUnknown(value)) {
          const text = JSON.stringify(value.value);
          return new YScalar(at?.start ?? expr.start, at?.end ?? expr.end, text, text, DOUBLE_QUOTED, undefined, false);
        }
        break;
      }
      case 'tolist':
      case 'toset': {
        if (expr.args.length !== 1 || !first) break;
        const value = this.value(first, at);
        if (value instanceof YSeq) return value;
        break;
      }
      case 'concat': {
        const lists = expr.args.map((arg) => this.value(arg, at));
        if (!lists.every((list): list is YSeq => list instanceof YSeq)) break;
        const seq = new YSeq(at?.start ?? expr.start, true, undefined);
        for (const list of lists) for (const item of list.items) seq.items.push(item);
        seq.end = at?.end ?? expr.end;
        return seq;
      }
    }
    return this.unknown(expr, at);
  }

  /**
   * A local's value. The locals it depends on are evaluated first, the deepest first, each once: a chain
   * of locals of any length is a loop here, not a recursion as deep as the chain (which the nesting limit
   * would cut). Undefined for a local not declared, or met again inside its own evaluation (a cycle).
   */
  private local(name: string): LocalValue | undefined {
    const known = this.locals.get(name);
    if (known) return known;
    if (this.localsInUse.has(name)) {
      this.cycles++;
      return undefined;
    }
    if (!this.module.local(name)) return undefined;
    for (const dependency of this.dependencyOrder(name)) if (dependency !== name) this.evaluateLocal(dependency);
    return this.evaluateLocal(name);
  }

  private evaluateLocal(name: string): LocalValue | undefined {
    const known = this.locals.get(name);
    if (known || this.localsInUse.has(name)) return known;
    const expr = this.module.local(name);
    if (!expr) return undefined;
    const [cuts, cycles] = [this.cuts, this.cycles];
    this.localsInUse.add(name);
    let node: YNode;
    try {
      node = this.value(expr);
    } finally {
      this.localsInUse.delete(name);
    }
    // Nested lists of lists through locals can grow deeper than any expression: beyond the limit, unknown.
    if (heightOf(node) > MAX_DEPTH) {
      this.cuts++;
      node = this.unknown(expr, undefined);
    }
    const local = { node, cut: this.cuts > cuts };
    // A value that met a cycle depends on which local the evaluation started from: not kept.
    if (this.cycles === cycles) this.locals.set(name, local);
    return local;
  }

  /** The not yet evaluated locals `name` depends on, transitively, each after its own dependencies; `name` last. */
  private dependencyOrder(name: string): string[] {
    const order: string[] = [];
    const seen = new Set([name]);
    const stack = [{ name, dependencies: localsReadBy(this.module.local(name)!), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dependency = top.dependencies[top.next++];
      if (dependency === undefined) {
        order.push(top.name);
        stack.pop();
        continue;
      }
      const expr = this.module.local(dependency);
      if (seen.has(dependency) || !expr || this.locals.has(dependency) || this.localsInUse.has(dependency)) continue;
      seen.add(dependency);
      stack.push({ name: dependency, dependencies: localsReadBy(expr), next: 0 });
    }
    return order;
  }

  /** A copy of a local's value with every node placed at `at` (see `value`), counted toward the size limit. */
  private placed(node: YNode, at: Place): YNode {
    this.produced += node instanceof YScalar ? 1 : 1 + (node instanceof YMap ? node.values.length : node.items.length);
    if (node instanceof YScalar) {
      const scalar = new YScalar(at.start, at.end, node.text, node.value, node.style, node.tag, node.empty);
      const origin = originOf(node);
      if (origin) recordOrigin(scalar, relocate(origin, at));
      return scalar;
    }
    if (node instanceof YSeq) {
      const seq = new YSeq(at.start, node.flow, node.tag);
      for (const item of node.items) seq.items.push(this.placed(item, at));
      seq.end = at.end;
      return seq;
    }
    const map = new YMap(at.start, node.flow, node.tag);
    for (let i = 0; i < node.keys.length; i++) {
      map.keys.push(this.placed(node.keys[i]!, at) as YScalar);
      map.values.push(this.placed(node.values[i]!, at));
    }
    map.end = at.end;
    return map;
  }

  private reference(text: string, at: Place): YScalar {
    return new YScalar(at.start, at.end, text, null, PLAIN, REFERENCE_TAG, false);
  }

  private unknown(expr: Expr, at: Place | undefined): YScalar {
    return new YScalar(at?.start ?? expr.start, at?.end ?? expr.end, sourceText(expr), null, PLAIN, UNKNOWN_TAG, false);
  }
}

/**
 * The names of the locals an expression reads (`local.<name>` anywhere in it). The walk keeps its own
 * stack: expressions are at most MAX_DEPTH deep, but nothing here needs the call stack.
 */
function localsReadBy(root: Expr): string[] {
  const names = new Set<string>();
  const pending: Expr[] = [root];
  const steps = (list: readonly Step[]) => {
    for (const step of list) if (step.kind === 'index') pending.push(step.key);
  };
  for (let expr = pending.pop(); expr; expr = pending.pop()) {
    switch (expr.kind) {
      case 'traversal': {
        const first = expr.steps[0];
        if (expr.root === 'local' && first?.kind === 'attr') names.add(first.name);
        steps(expr.steps);
        break;
      }
      case 'access':
        pending.push(expr.base);
        steps(expr.steps);
        break;
      case 'template':
        for (const part of expr.parts) if (part.kind === 'interpolation' && part.expr) pending.push(part.expr);
        break;
      case 'tuple':
        pending.push(...expr.items);
        break;
      case 'object':
        for (const elem of expr.elems) pending.push(elem.key, elem.value);
        break;
      case 'call':
        pending.push(...expr.args);
        break;
      case 'unary':
        pending.push(expr.operand);
        break;
      case 'literal':
      case 'opaque':
        break;
    }
  }
  return [...names];
}

/** How many levels a value has; values are built at most a few times MAX_DEPTH deep (see evaluateLocal). */
function heightOf(node: YNode): number {
  if (node instanceof YScalar) return 1;
  let height = 0;
  for (const child of node instanceof YMap ? node.values : node.items) height = Math.max(height, heightOf(child));
  return height + 1;
}

/** How a known scalar reads inside a string; undefined for null, which Terraform refuses to interpolate. */
function stringForm(scalar: YScalar): string | undefined {
  if (scalar.value === null) return undefined;
  return typeof scalar.value === 'string' ? scalar.text : String(scalar.value);
}

/** The text of a plain traversal (`a.b[0]["k"]`), or undefined when a step is not static (a splat, a computed index). */
function traversalText(root: string, steps: readonly Step[]): string | undefined {
  let text = root;
  for (const step of steps) {
    if (step.kind === 'attr') text += `.${step.name}`;
    else if (step.kind === 'splat') return undefined;
    else if (step.key.kind === 'literal' && typeof step.key.value === 'number') text += `[${step.key.value}]`;
    else if (step.key.kind === 'template' && step.key.parts.length === 1 && step.key.parts[0]!.kind === 'text') {
      text += `[${JSON.stringify(joinPieces(step.key.parts[0]!.pieces))}]`;
    } else return undefined;
  }
  return text;
}

function sourceText(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
    case 'opaque':
    case 'access':
    case 'call':
    case 'unary':
      return expr.text;
    case 'traversal':
      return expr.text;
    case 'template':
      return expr.parts.map((part) => (part.kind === 'text' ? joinPieces(part.pieces) : part.text)).join('');
    case 'tuple':
      return '[...]';
    case 'object':
      return '{...}';
  }
}

function retagged(node: YMap | YSeq, tag: string): YMap | YSeq {
  if (node instanceof YSeq) {
    const seq = new YSeq(node.start, node.flow, tag);
    for (const item of node.items) seq.items.push(item);
    seq.end = node.end;
    return seq;
  }
  const map = new YMap(node.start, node.flow, tag);
  for (let i = 0; i < node.keys.length; i++) {
    map.keys.push(node.keys[i]!);
    map.values.push(node.values[i]!);
  }
  map.end = node.end;
  return map;
}
