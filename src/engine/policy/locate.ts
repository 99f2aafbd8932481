import { isCelError, isCelList, type CelInput } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { YMap, YScalar, YSeq, type Field, type YNode } from '../parse/yaml.js';
import { planPart, type CompiledExpression } from './compile.js';
import type { ObjectValue } from './value.js';

/**
 * Where a failing expression points in the object: the deepest field its selections reach that is present
 * in the object, and inside `all()` over a list, the first element that fails (then the deepest field the
 * predicate reads in that element). Undefined when it reads nothing of the object.
 */
export function locate(compiled: CompiledExpression, bindings: Record<string, CelInput>, object: ObjectValue): Field | YNode | undefined {
  const search = new Search(compiled, object);
  search.visit(compiled.expr, bindings);
  return search.best;
}

class Search {
  best: Field | YNode | undefined;
  private bestDepth = -1;

  constructor(
    private readonly compiled: CompiledExpression,
    private readonly object: ObjectValue,
  ) {}

  visit(expr: Expr | undefined, bindings: Record<string, CelInput>): void {
    if (!expr) return;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'selectExpr':
        this.selection(kind.value.operand, kind.value.field, bindings);
        this.visit(kind.value.operand, bindings);
        return;
      case 'callExpr': {
        const call = kind.value;
        if (call.function === '_[_]' && call.args.length === 2) {
          const key = call.args[1]!.exprKind;
          if (key.case === 'constExpr') this.selection(call.args[0], key.value.constantKind.value as string | bigint, bindings);
        }
        this.visit(call.target, bindings);
        for (const arg of call.args) this.visit(arg, bindings);
        return;
      }
      case 'listExpr':
        for (const element of kind.value.elements) this.visit(element, bindings);
        return;
      case 'comprehensionExpr':
        this.comprehension(expr, kind.value, bindings);
        return;
      default:
        return;
    }
  }

  private comprehension(
    expr: Expr,
    c: Extract<Expr['exprKind'], { case: 'comprehensionExpr' }>['value'],
    bindings: Record<string, CelInput>,
  ): void {
    this.visit(c.iterRange, bindings);
    const range = this.evaluate(c.iterRange, bindings);
    const place = this.object.placeOf(range);
    if (place) this.consider(place.anchor, place.depth);
    if (this.compiled.macros.get(expr.id) !== 'all' || !isCelList(range) || !c.loopStep) return;
    const accu = this.evaluate(c.accuInit, bindings);
    if (accu === undefined) return;
    for (const item of range) {
      const inner = { ...bindings, [c.iterVar]: item as CelInput, [c.accuVar]: accu };
      if (this.evaluate(c.loopStep, inner) === true) continue;
      const element = this.object.placeOf(item);
      if (element) this.consider(element.anchor, element.depth);
      this.visit(c.loopStep, inner);
      return;
    }
  }

  /** `operand.key`: the field when the operand is a map of the object that holds it, else the map itself. */
  private selection(operand: Expr | undefined, key: string | bigint, bindings: Record<string, CelInput>): void {
    const place = this.object.placeOf(this.evaluate(operand, bindings));
    if (!place) return;
    const { node, anchor, depth } = place;
    if (node instanceof YMap && typeof key === 'string') {
      const field = node.field(key);
      if (field && !(field.value instanceof YScalar && field.value.value === null)) this.consider(field, depth + 1);
      else this.consider(anchor, depth);
    } else if (node instanceof YSeq && typeof key === 'bigint') {
      const item = node.items[Number(key)];
      if (item) this.consider(item, depth + 1);
      else this.consider(anchor, depth);
    }
  }

  private consider(anchor: Field | YNode, depth: number): void {
    if (depth > this.bestDepth) {
      this.best = anchor;
      this.bestDepth = depth;
    }
  }

  private evaluate(expr: Expr | undefined, bindings: Record<string, CelInput>): CelInput | undefined {
    if (!expr) return undefined;
    const result = planPart(expr)(bindings);
    return isCelError(result) ? undefined : (result as CelInput);
  }
}
