import { parse, plan, type CelInput, type CelResult } from '@bufbuild/cel';
import type { Expr, ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { POLICY_ENV, STEP_FUNCTION } from './environment.js';

/**
 * A policy's CEL expression, parsed, checked against what policies may name, and planned once for every
 * object it is evaluated on.
 */
export interface CompiledExpression {
  source: string;
  /** The syntax tree after Bulwark's rewrites (`cel.bind`, cost-counted loops). */
  expr: Expr;
  /** Comprehension ids and the macro that made each (`all`, `exists`, ...). */
  macros: ReadonlyMap<bigint, string>;
  evaluate(bindings: Record<string, CelInput>): CelResult;
  reads: Reads;
}

/** What an expression reads that is not always known offline, or that ties it to other expressions. */
export interface Reads {
  authorizer: boolean;
  userInfo: boolean;
  namespaceObject: boolean;
  params: boolean;
  variables: Set<string>;
}

export type Compiled = CompiledExpression | { error: string };

/** The variables the API server binds for a ValidatingAdmissionPolicy, plus `format` (the format library). */
const VARIABLES = new Set(['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'variables', 'format']);
/** Names of CEL types, usable as values (`type(x) == string`). */
const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'null_type', 'type', 'dyn']);

/**
 * The authorizer library's methods: known names, never evaluated (`authorizer` is not bound offline, so an
 * expression that needs it errors, and that error is reported as undecidable).
 */
const AUTHORIZER_METHODS = [
  'path',
  'group',
  'serviceAccount',
  'resource',
  'subresource',
  'namespace',
  'name',
  'check',
  'allowed',
  'reason',
  'errored',
  'error',
];

const FUNCTIONS = new Set<string>([...[...POLICY_ENV.funcs].map((func) => func.name), ...AUTHORIZER_METHODS]);

/**
 * Compiles one expression. `variables` names the policy's variables the expression may read (those
 * declared before it, for a variable's own expression).
 */
export function compileExpression(source: string, variables: ReadonlySet<string>): Compiled {
  let parsed: ParsedExpr & { expr: Expr };
  try {
    parsed = parse(source);
  } catch (error) {
    return { error: String((error as Error).message).replace(/^<input>:/, '') };
  }
  const macros = new Map<bigint, string>();
  for (const [id, call] of Object.entries(parsed.sourceInfo?.macroCalls ?? {})) {
    if (call.exprKind.case === 'callExpr') macros.set(BigInt(id), call.exprKind.value.function);
  }
  const ids = { next: maxId(parsed.expr) + 1n };
  const reads: Reads = { authorizer: false, userInfo: false, namespaceObject: false, params: false, variables: new Set() };
  let expr: Expr;
  try {
    expr = rewrite(parsed.expr, ids);
    check(expr, new Set(), variables, reads);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const program = plan(POLICY_ENV, expr);
  return { source, expr, macros, evaluate: (bindings) => program(bindings), reads };
}

/** Plans a part of a compiled expression on its own (for finding which field or element made it fail). */
export function planPart(expr: Expr): (bindings: Record<string, CelInput>) => CelResult {
  let program = parts.get(expr);
  if (!program) {
    program = plan(POLICY_ENV, expr);
    parts.set(expr, program);
  }
  return program;
}

const parts = new WeakMap<Expr, (bindings: Record<string, CelInput>) => CelResult>();

function maxId(expr: Expr | undefined): bigint {
  let max = 0n;
  visit(expr, (node) => {
    if (node.id > max) max = node.id;
  });
  return max;
}

function visit(expr: Expr | undefined, each: (node: Expr) => void): void {
  if (!expr) return;
  each(expr);
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      visit(kind.value.operand, each);
      break;
    case 'callExpr':
      visit(kind.value.target, each);
      for (const arg of kind.value.args) visit(arg, each);
      break;
    case 'listExpr':
      for (const element of kind.value.elements) visit(element, each);
      break;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') visit(entry.keyKind.value, each);
        visit(entry.value, each);
      }
      break;
    case 'comprehensionExpr': {
      const c = kind.value;
      for (const part of [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result]) visit(part, each);
      break;
    }
  }
}

function node(id: bigint, exprKind: Expr['exprKind']): Expr {
  return { $typeName: 'cel.expr.Expr', id, exprKind } as Expr;
}

/**
 * Rewrites `cel.bind(x, init, body)` (a macro @bufbuild/cel lacks) into the comprehension cel-go makes of it,
 * and wraps every comprehension's loop condition in the step function that charges the cost budget.
 */
function rewrite(expr: Expr, ids: { next: bigint }): Expr {
  const kind = expr.exprKind;
  if (kind.case === 'callExpr') {
    const call = kind.value;
    if (call.function === 'bind' && call.target?.exprKind.case === 'identExpr' && call.target.exprKind.value.name === 'cel') {
      const [name, init, body] = call.args;
      if (call.args.length !== 3 || name?.exprKind.case !== 'identExpr')
        throw new Error('cel.bind() takes a variable name, a value and an expression');
      const comprehension = {
        $typeName: 'cel.expr.Expr.Comprehension',
        iterVar: '#unused',
        iterVar2: '',
        iterRange: node(ids.next++, {
          case: 'listExpr',
          value: { $typeName: 'cel.expr.Expr.CreateList', elements: [], optionalIndices: [] },
        } as Expr['exprKind']),
        accuVar: name.exprKind.value.name,
        accuInit: rewrite(init!, ids),
        loopCondition: node(ids.next++, {
          case: 'constExpr',
          value: { $typeName: 'cel.expr.Constant', constantKind: { case: 'boolValue', value: false } },
        } as Expr['exprKind']),
        loopStep: node(ids.next++, {
          case: 'identExpr',
          value: { $typeName: 'cel.expr.Expr.Ident', name: name.exprKind.value.name },
        } as Expr['exprKind']),
        result: rewrite(body!, ids),
      };
      return node(expr.id, { case: 'comprehensionExpr', value: comprehension } as Expr['exprKind']);
    }
    if (call.target) call.target = rewrite(call.target, ids);
    call.args = call.args.map((arg) => rewrite(arg, ids));
    return expr;
  }
  switch (kind.case) {
    case 'selectExpr':
      if (kind.value.operand) kind.value.operand = rewrite(kind.value.operand, ids);
      return expr;
    case 'listExpr':
      kind.value.elements = kind.value.elements.map((element) => rewrite(element, ids));
      return expr;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') entry.keyKind.value = rewrite(entry.keyKind.value, ids);
        if (entry.value) entry.value = rewrite(entry.value, ids);
      }
      return expr;
    case 'comprehensionExpr': {
      const c = kind.value;
      c.iterRange = c.iterRange && rewrite(c.iterRange, ids);
      c.accuInit = c.accuInit && rewrite(c.accuInit, ids);
      c.loopStep = c.loopStep && rewrite(c.loopStep, ids);
      c.result = c.result && rewrite(c.result, ids);
      const condition = c.loopCondition && rewrite(c.loopCondition, ids);
      c.loopCondition = node(ids.next++, {
        case: 'callExpr',
        value: { $typeName: 'cel.expr.Expr.Call', function: STEP_FUNCTION, args: condition ? [condition] : [] },
      } as Expr['exprKind']);
      return expr;
    }
    default:
      return expr;
  }
}

/**
 * What the API server's type check would refuse and an untyped evaluator would only find at run time on
 * some object: references to undeclared variables and calls to functions no library defines.
 */
function check(expr: Expr | undefined, scope: ReadonlySet<string>, variables: ReadonlySet<string>, reads: Reads): void {
  if (!expr) return;
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'identExpr': {
      const name = kind.value.name;
      if (scope.has(name) || TYPE_NAMES.has(name)) return;
      if (!VARIABLES.has(name)) throw new Error(`undeclared reference to '${name}'`);
      if (name === 'authorizer') reads.authorizer = true;
      if (name === 'namespaceObject') reads.namespaceObject = true;
      if (name === 'params') reads.params = true;
      return;
    }
    case 'selectExpr': {
      const operand = kind.value.operand;
      if (operand?.exprKind.case === 'identExpr' && !scope.has(operand.exprKind.value.name)) {
        const base = operand.exprKind.value.name;
        if (base === 'variables') {
          if (!variables.has(kind.value.field)) throw new Error(`undeclared reference to 'variables.${kind.value.field}'`);
          reads.variables.add(kind.value.field);
        }
        if (base === 'request' && kind.value.field === 'userInfo') reads.userInfo = true;
      }
      check(operand, scope, variables, reads);
      return;
    }
    case 'callExpr': {
      const call = kind.value;
      const qualified = call.target?.exprKind.case === 'identExpr' ? `${call.target.exprKind.value.name}.${call.function}` : undefined;
      if (qualified && FUNCTIONS.has(qualified) && !scope.has(qualified.split('.')[0]!)) {
        for (const arg of call.args) check(arg, scope, variables, reads);
        return;
      }
      if (/^[A-Za-z]/.test(call.function) && call.function !== STEP_FUNCTION && !FUNCTIONS.has(call.function)) {
        throw new Error(`undeclared reference to '${call.function}'`);
      }
      check(call.target, scope, variables, reads);
      for (const arg of call.args) check(arg, scope, variables, reads);
      return;
    }
    case 'listExpr':
      for (const element of kind.value.elements) check(element, scope, variables, reads);
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') check(entry.keyKind.value, scope, variables, reads);
        check(entry.value, scope, variables, reads);
      }
      return;
    case 'comprehensionExpr': {
      const c = kind.value;
      check(c.iterRange, scope, variables, reads);
      check(c.accuInit, scope, variables, reads);
      const inner = new Set([...scope, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
      check(c.loopCondition, inner, variables, reads);
      check(c.loopStep, inner, variables, reads);
      check(c.result, new Set([...scope, c.accuVar]), variables, reads);
      return;
    }
    default:
      return;
  }
}
