import { celEnv, celFunc, celMethod, CelScalar, mapType, type CelEnv, type CelFunc, type CelValue } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { formatFunctions } from './library/format.js';
import { ipFunctions, ipString } from './library/ip.js';
import { compareValues, listFunctions } from './library/lists.js';
import { optionalFunctions } from './library/optional.js';
import { quantityFunctions } from './library/quantity.js';
import { regexFunctions } from './library/regex.js';
import { semverFunctions } from './library/semver.js';
import { urlFunctions } from './library/url.js';
import { opaqueOf } from './opaque.js';

/**
 * The CEL environment policies run in: CEL's standard library and string extensions from @bufbuild/cel,
 * and the Kubernetes libraries it lacks (lists, regex, URLs, quantities, IP/CIDR, format, semver, sets).
 */

/**
 * What an expression may spend, as the API server's runtime cost limit: every comprehension step and
 * library call costs one. Evaluation is synchronous, so the budget of the evaluation under way is global.
 */
export class CostBudget {
  spent = 0;
  exceeded = false;
  constructor(readonly limit: number) {}

  charge(units: number): boolean {
    this.spent += units;
    if (this.spent > this.limit) this.exceeded = true;
    return !this.exceeded;
  }
}

let current: CostBudget | undefined;

/** Runs `evaluate` with `budget` as the one every step is charged to. */
export function withBudget<T>(budget: CostBudget, evaluate: () => T): T {
  const previous = current;
  current = budget;
  try {
    return evaluate();
  } finally {
    current = previous;
  }
}

/** Name of the function compiled expressions call on each comprehension step (not writable in CEL source). */
export const STEP_FUNCTION = '@bulwark.step';

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);

/** The loop condition of every comprehension, wrapped: once the budget is spent, every loop stops. */
const stepFunction = celFunc(STEP_FUNCTION, [CelScalar.DYN], CelScalar.DYN, (condition) => {
  if (current && !current.charge(1)) return false;
  return condition;
});

function comparison(name: string, test: (order: number) => boolean): CelFunc {
  return celMethod(name, ANY_MAP, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    return test(compareValues(this as CelValue, other));
  });
}

const sharedFunctions: CelFunc[] = [
  comparison('isGreaterThan', (order) => order > 0),
  comparison('isLessThan', (order) => order < 0),
  celMethod('compareTo', ANY_MAP, [CelScalar.DYN], CelScalar.INT, function (other) {
    return BigInt(compareValues(this as CelValue, other));
  }),
  celFunc('string', [ANY_MAP], CelScalar.STRING, (value) => {
    const text = ipString(value) ?? opaqueOf<unknown>('url', value);
    if (text === undefined) throw new Error('no such overload: string(map)');
    return typeof text === 'string' ? text : String(value);
  }),
];

/** Every library call is charged to the budget, like the API server's per-call costs. */
function charged(func: CelFunc): CelFunc {
  return {
    ...Object.fromEntries(Object.getOwnPropertySymbols(func).map((s) => [s, (func as unknown as Record<symbol, unknown>)[s]])),
    id: func.id,
    name: func.name,
    target: func.target,
    arguments: func.arguments,
    result: func.result,
    call(id, target, args) {
      if (current && !current.charge(1)) throw new Error('cost limit exceeded');
      return func.call(id, target, args);
    },
  } as CelFunc;
}

const libraryFunctions: CelFunc[] = [
  ...strings,
  ...listFunctions,
  ...regexFunctions,
  ...urlFunctions,
  ...quantityFunctions,
  ...ipFunctions,
  ...semverFunctions,
  ...formatFunctions,
  ...optionalFunctions,
  ...sharedFunctions,
].map(charged);

export const POLICY_ENV: CelEnv = celEnv({ funcs: [...libraryFunctions, stepFunction] });
