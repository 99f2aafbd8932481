import { celFunc, celMethod, CelScalar, mapType, type CelFunc, type CelInput } from '@bufbuild/cel';
import { expect, opaque } from '../opaque.js';

/**
 * The few optional values Kubernetes' libraries return (`format...validate()`), with `hasValue`, `value`
 * and `orValue`. (@bufbuild/cel does not parse the `?.` syntax, so only these calls are offered.)
 */

interface Optional {
  present: boolean;
  value: CelInput;
}

export const some = (value: CelInput) => opaque<Optional>('optional', `some:${JSON.stringify(String(value))}`, { present: true, value });
export const none = () => opaque<Optional>('optional', 'none', { present: false, value: null });

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);

export const optionalFunctions: CelFunc[] = [
  celFunc('optional.of', [CelScalar.DYN], CelScalar.DYN, (value) => some(value)),
  celFunc('optional.none', [], CelScalar.DYN, () => none()),
  celMethod('hasValue', ANY_MAP, [], CelScalar.BOOL, function () {
    return expect<Optional>('optional', this, 'hasValue').present;
  }),
  celMethod('value', ANY_MAP, [], CelScalar.DYN, function () {
    const optional = expect<Optional>('optional', this, 'value');
    if (!optional.present) throw new Error('optional.none() dereference');
    return optional.value;
  }),
  celMethod('orValue', ANY_MAP, [CelScalar.DYN], CelScalar.DYN, function (fallback) {
    const optional = expect<Optional>('optional', this, 'orValue');
    return optional.present ? optional.value : fallback;
  }),
];
