import type { HclNode } from './hcl.js';
import {
  MAX_DEPTH,
  type Expr,
  type HclAttribute,
  type HclBlock,
  type HclItem,
  type ObjectElem,
  type Step,
  type TemplateExpr,
  type TemplatePart,
} from './terraform-ast.js';
import { heredocPieces, quotedPieces, relocate, type StringPiece } from './terraform-strings.js';

/**
 * The HCL syntax tree read as Terraform: blocks with their labels, attributes, and expressions with
 * their offsets. Strings are assembled here (escapes decoded, heredoc indentation stripped) with the
 * origin of each piece.
 */

/** Block types that only exist at the top level, with their label counts: what recovery looks for. */
const TOP_LEVEL: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, locals: 0, output: 1 };

function significant(node: HclNode): HclNode[] {
  return node.children.filter((child) => child.type !== 'comment');
}

/**
 * Reads blocks and expressions from the plain tree. With `place` set, every offset it produces is that
 * place: expressions parsed out of a `.tf.json` string have no position of their own but the string's.
 */
export class SyntaxReader {
  constructor(
    private readonly text: string,
    private readonly place?: { start: number; end: number },
  ) {}

  private slice(node: HclNode): string {
    return this.text.slice(node.start, node.end);
  }

  private start(node: HclNode): number {
    return this.place ? this.place.start : node.start;
  }

  private end(node: HclNode): number {
    return this.place ? this.place.end : node.end;
  }

  /** Undamaged top-level blocks, and the undamaged top-level blocks inside damaged ones. */
  topLevel(root: HclNode, out: HclBlock[]): void {
    for (const child of root.children.flatMap((c) => (c.type === 'body' ? c.children : [c]))) {
      if (child.type === 'block' && !child.damaged) out.push(this.block(child, 0));
      else if (child.type === 'block' || child.type === 'ERROR') this.recover(child, out, 0);
    }
  }

  /**
   * Blocks the parser read intact inside a damaged one or an ERROR node: an unclosed block swallows the
   * blocks after it as if nested. Only block types that exist only at the top level are taken out.
   */
  private recover(node: HclNode, out: HclBlock[], depth: number): void {
    if (depth > MAX_DEPTH) return;
    for (const child of node.children) {
      if (child.type === 'body' || child.type === 'ERROR') this.recover(child, out, depth + 1);
      else if (child.type === 'block') {
        if (child.damaged) this.recover(child, out, depth + 1);
        else if (this.looksTopLevel(child)) out.push(this.block(child, 0));
      }
    }
  }

  private looksTopLevel(node: HclNode): boolean {
    const kids = significant(node);
    const type = kids[0] ? this.slice(kids[0]) : '';
    const labels = kids.filter((k) => k.type === 'string_lit').length;
    return TOP_LEVEL[type] === labels;
  }

  block(node: HclNode, depth: number): HclBlock {
    const kids = significant(node);
    const typeNode = kids[0]!;
    const labels: string[] = [];
    let body: HclNode | undefined;
    for (const kid of kids.slice(1)) {
      if (kid.type === 'string_lit') labels.push(this.stringText(kid));
      else if (kid.type === 'identifier') labels.push(this.slice(kid));
      else if (kid.type === 'body') body = kid;
    }
    const items = body && depth < MAX_DEPTH ? this.items(body, depth + 1) : [];
    return { kind: 'block', type: this.slice(typeNode), labels, start: typeNode.start, typeEnd: typeNode.end, end: node.end, items };
  }

  private items(body: HclNode, depth: number): HclItem[] {
    const items: HclItem[] = [];
    for (const child of body.children) {
      if (child.type === 'attribute') items.push(this.attribute(child));
      else if (child.type === 'block') {
        const block = this.block(child, depth);
        if (block.type === 'dynamic') items.push({ kind: 'dynamic', label: block.labels[0] ?? '', start: block.start, end: block.end });
        else items.push(block);
      }
    }
    return items;
  }

  private attribute(node: HclNode): HclAttribute {
    const kids = significant(node);
    const name = kids[0]!;
    const value = kids.find((k) => k.type === 'expression');
    return {
      kind: 'attribute',
      name: this.slice(name),
      start: name.start,
      nameEnd: name.end,
      value: value ? this.expression(value, 0) : this.opaque(node),
    };
  }

  /** The text of a string literal without interpolation (a block label). */
  private stringText(node: HclNode): string {
    const kids = significant(node);
    const open = kids[0];
    const close = kids[kids.length - 1];
    if (!open || !close || open === close) return '';
    return quotedPieces(this.text, open.end, close.start)
      .map((piece) => piece.text)
      .join('');
  }

  private opaque(node: HclNode): Expr {
    return { kind: 'opaque', start: this.start(node), end: this.end(node), text: this.slice(node) };
  }

  /** An `expression` node: a term, then attribute, index and splat steps. */
  expression(node: HclNode, depth: number): Expr {
    if (depth > MAX_DEPTH) return this.opaque(node);
    const kids = significant(node);
    const first = kids[0];
    if (!first) return this.opaque(node);
    let base: Expr;
    let next = 1;
    switch (first.type) {
      case 'literal_value':
        base = this.literal(first.children[0] ?? first);
        break;
      case 'template_expr':
        base = this.template(first.children[0] ?? first, depth);
        break;
      case 'collection_value':
        base = this.collection(first.children[0] ?? first, depth);
        break;
      case 'variable_expr':
        base = {
          kind: 'traversal',
          start: this.start(first),
          end: this.end(first),
          root: this.slice(first),
          steps: [],
          text: this.slice(first),
        };
        break;
      case 'function_call':
        base = this.call(first, depth);
        break;
      case 'operation':
        base = this.operation(first, depth);
        break;
      case '(': {
        const inner = kids[1];
        if (!inner || inner.type !== 'expression') return this.opaque(node);
        base = this.expression(inner, depth + 1);
        next = 3;
        break;
      }
      default: // conditional, for expressions, ERROR
        return this.opaque(node);
    }
    const steps: Step[] = [];
    for (const kid of kids.slice(next)) {
      const step = this.step(kid, depth);
      if (!step) return this.opaque(node);
      steps.push(step);
    }
    if (steps.length === 0) return base;
    if (base.kind === 'traversal') return { ...base, end: this.end(node), steps: [...base.steps, ...steps], text: this.slice(node) };
    return { kind: 'access', start: this.start(node), end: this.end(node), base, steps, text: this.slice(node) };
  }

  private step(node: HclNode, depth: number): Step | undefined {
    const kids = significant(node);
    switch (node.type) {
      case 'get_attr': {
        const name = kids.find((k) => k.type === 'identifier');
        return name ? { kind: 'attr', name: this.slice(name) } : undefined;
      }
      case 'index': {
        const index = kids[0];
        if (index?.type === 'legacy_index') {
          const digits = significant(index).find((k) => k.type !== '.');
          const value = digits ? Number(this.slice(digits)) : Number.NaN;
          return { kind: 'index', key: { kind: 'literal', start: this.start(index), end: this.end(index), value, text: String(value) } };
        }
        const key = index ? significant(index).find((k) => k.type === 'expression') : undefined;
        return key ? { kind: 'index', key: this.expression(key, depth + 1) } : undefined;
      }
      case 'splat':
        return { kind: 'splat' };
      default:
        return undefined;
    }
  }

  private literal(node: HclNode): Expr {
    const text = this.slice(node);
    const start = this.start(node);
    const end = this.end(node);
    switch (node.type) {
      case 'numeric_lit':
        return { kind: 'literal', start, end, value: Number(text), text };
      case 'bool_lit':
        return { kind: 'literal', start, end, value: text === 'true', text };
      case 'null_lit':
        return { kind: 'literal', start, end, value: null, text };
      case 'string_lit':
        return this.quoted(node, 0);
      default:
        return this.opaque(node);
    }
  }

  private template(node: HclNode, depth: number): Expr {
    if (node.type === 'quoted_template') return this.quoted(node, depth);
    if (node.type === 'heredoc_template') return this.heredoc(node, depth);
    return this.opaque(node);
  }

  private quoted(node: HclNode, depth: number): TemplateExpr {
    const kids = significant(node);
    const open = kids[0]!;
    const close = kids[kids.length - 1]!;
    const contentEnd = close !== open && close.type === 'quoted_template_end' ? close.start : node.end;
    const holes = kids.filter(isHole);
    const ranges = literalRanges(open.end, contentEnd, holes);
    const texts = ranges.map(([from, to]) => quotedPieces(this.text, from, to));
    return this.templateOf(node, false, holes, ranges, texts, depth);
  }

  private heredoc(node: HclNode, depth: number): TemplateExpr {
    const kids = significant(node);
    const flush = kids[0] !== undefined && this.slice(kids[0]) === '<<-';
    const open = kids[1];
    const close = kids.length > 2 && kids[kids.length - 1]!.type === 'heredoc_identifier' ? kids[kids.length - 1]! : undefined;
    const lineBreak = open ? this.text.indexOf('\n', open.end) : -1;
    const contentStart = lineBreak === -1 ? node.end : lineBreak + 1;
    const contentEnd = close ? Math.max(contentStart, this.text.lastIndexOf('\n', close.start - 1) + 1) : node.end;
    const holes = kids.filter(isHole);
    const ranges = literalRanges(contentStart, contentEnd, holes);
    const texts = heredocPieces(this.text, contentStart, contentEnd, ranges, flush);
    return this.templateOf(node, true, holes, ranges, texts, depth);
  }

  /** Interleaves literal text and interpolations in source order, applying `~` strip markers. */
  private templateOf(
    node: HclNode,
    heredoc: boolean,
    holes: HclNode[],
    ranges: ReadonlyArray<readonly [number, number]>,
    texts: StringPiece[][],
    depth: number,
  ): TemplateExpr {
    const parts: TemplatePart[] = [];
    const strips: Array<{ at: number; before: boolean; after: boolean }> = [];
    let r = 0;
    for (const hole of holes) {
      while (r < ranges.length && ranges[r]![1] <= hole.start) parts.push(this.textPart(texts[r++]!));
      strips.push({ at: parts.length, ...stripMarkers(hole) });
      parts.push(this.hole(hole, depth));
    }
    while (r < ranges.length) parts.push(this.textPart(texts[r++]!));
    for (const { at, before, after } of strips) {
      const previous = parts[at - 1];
      const next = parts[at + 1];
      if (before && previous?.kind === 'text') previous.pieces = trimPieces(previous.pieces, 'end');
      if (after && next?.kind === 'text') next.pieces = trimPieces(next.pieces, 'start');
    }
    return { kind: 'template', start: this.start(node), end: this.end(node), heredoc, parts };
  }

  private textPart(pieces: StringPiece[]): TemplatePart {
    return { kind: 'text', pieces: this.place ? relocate(pieces, this.place) : pieces };
  }

  private hole(node: HclNode, depth: number): TemplatePart {
    const start = this.start(node);
    const end = this.end(node);
    const text = this.slice(node);
    if (node.type !== 'template_interpolation') return { kind: 'directive', start, end, text };
    const expression = significant(node).find((k) => k.type === 'expression');
    return { kind: 'interpolation', expr: expression ? this.expression(expression, depth + 1) : undefined, start, end, text };
  }

  private collection(node: HclNode, depth: number): Expr {
    const kids = significant(node);
    if (node.type === 'tuple') {
      const items = kids.filter((k) => k.type === 'expression').map((k) => this.expression(k, depth + 1));
      return { kind: 'tuple', start: this.start(node), end: this.end(node), items };
    }
    if (node.type !== 'object') return this.opaque(node);
    const elems: ObjectElem[] = [];
    for (const elem of kids) {
      if (elem.type !== 'object_elem') continue;
      const [key, value] = significant(elem).filter((k) => k.type === 'expression');
      if (!key || !value) continue;
      const keyKids = significant(key);
      const keyIsName = keyKids.length === 1 && keyKids[0]!.type === 'variable_expr';
      elems.push({
        key: keyIsName ? this.nameKey(key) : this.expression(key, depth + 1),
        keyIsName,
        value: this.expression(value, depth + 1),
      });
    }
    return { kind: 'object', start: this.start(node), end: this.end(node), elems };
  }

  /** A bare object key (`Version = ...`) is its own name, a string. */
  private nameKey(node: HclNode): Expr {
    const start = this.start(node);
    const pieces = [{ text: this.slice(node), at: node.start, exact: true }];
    return { kind: 'template', start, end: this.end(node), heredoc: false, parts: [this.textPart(pieces)] };
  }

  private call(node: HclNode, depth: number): Expr {
    const kids = significant(node);
    const args = kids.find((k) => k.type === 'function_arguments');
    const argKids = args ? significant(args) : [];
    return {
      kind: 'call',
      start: this.start(node),
      end: this.end(node),
      name: kids[0] ? this.slice(kids[0]) : '',
      args: argKids.filter((k) => k.type === 'expression').map((k) => this.expression(k, depth + 1)),
      expanded: argKids.some((k) => k.type === 'ellipsis'),
      text: this.slice(node),
    };
  }

  private operation(node: HclNode, depth: number): Expr {
    const unary = node.children[0];
    if (unary?.type !== 'unary_operation') return this.opaque(node);
    const [operator, operand] = significant(unary);
    if (!operator || !operand) return this.opaque(node);
    const op = this.slice(operator);
    if (op !== '-' && op !== '!') return this.opaque(node);
    // The operand is a bare term (the grammar's hidden _expr_term); read it as an expression of one term.
    const term: HclNode = { ...operand, type: 'expression', children: [operand] };
    return {
      kind: 'unary',
      start: this.start(node),
      end: this.end(node),
      operator: op,
      operand: this.expression(term, depth + 1),
      text: this.slice(node),
    };
  }
}

function isHole(node: HclNode): boolean {
  return node.type === 'template_interpolation' || node.type === 'template_directive';
}

/** The literal stretches of a template's content between its interpolations. */
function literalRanges(from: number, to: number, holes: readonly HclNode[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let at = from;
  for (const hole of holes) {
    if (hole.start > at) ranges.push([at, hole.start]);
    at = Math.max(at, hole.end);
  }
  if (to > at) ranges.push([at, to]);
  return ranges;
}

/**
 * `${~ x ~}` trims the whitespace (line breaks included) of the literal text before or after it. The
 * markers sit right after the opening `${` / `%{` and right before the closing `}`.
 */
function stripMarkers(hole: HclNode): { before: boolean; after: boolean } {
  const tokens = hole.type === 'template_interpolation' ? significant(hole) : significant(significant(hole)[0] ?? hole);
  // A directive's markers are inside its first and last tags; only interpolations matter for values.
  const first = tokens.findIndex((k) => k.type === 'strip_marker');
  if (first === -1) return { before: false, after: false };
  const last = tokens.length - 2;
  return { before: first === 1, after: tokens[last]?.type === 'strip_marker' && (last > 1 || first !== 1) };
}

function trimPieces(pieces: StringPiece[], side: 'start' | 'end'): StringPiece[] {
  const out = [...pieces];
  if (side === 'end') {
    while (out.length > 0) {
      const last = out[out.length - 1]!;
      const trimmed = last.text.trimEnd();
      if (trimmed.length > 0) {
        out[out.length - 1] = { ...last, text: trimmed };
        break;
      }
      out.pop();
    }
    return out;
  }
  while (out.length > 0) {
    const first = out[0]!;
    const trimmed = first.text.trimStart();
    if (trimmed.length > 0) {
      const cut = first.text.length - trimmed.length;
      out[0] = { ...first, text: trimmed, at: first.exact ? first.at + cut : first.at };
      break;
    }
    out.shift();
  }
  return out;
}
