import { celMethod, CelScalar, mapType, type CelFunc } from '@bufbuild/cel';
import { expect, opaque } from '../opaque.js';
import { none, some } from './optional.js';

/**
 * Kubernetes' format library: `format.dns1123Label().validate(name)` is an optional list of errors, empty
 * (`hasValue()` false) when the name is valid. The `format` variable is bound to `formatRoot`.
 */

type Validator = (text: string) => string[];

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function pattern(regex: RegExp, max: number, what: string): Validator {
  return (text) => {
    const errors: string[] = [];
    if (text.length > max) errors.push(`must be no more than ${max} characters`);
    if (!regex.test(text)) errors.push(`a ${what} must match the regex ${regex.source}`);
    return errors;
  };
}

/** A name prefix (`generateName`) may end in a dash: it is validated with a character appended. */
function prefix(validator: Validator): Validator {
  return (text) => validator(text.endsWith('-') ? `${text}a` : text);
}

function qualifiedName(text: string): string[] {
  const parts = text.split('/');
  const name = parts[parts.length - 1]!;
  const errors: string[] = [];
  if (parts.length > 2) return ['a qualified name must consist of a name with an optional DNS subdomain prefix'];
  if (parts.length === 2) errors.push(...pattern(DNS1123_SUBDOMAIN, 253, 'prefix')(parts[0]!));
  if (name.length === 0 || name.length > 63) errors.push('name part must be non-empty and no more than 63 characters');
  else if (!QUALIFIED_NAME_PART.test(name)) errors.push(`name part must match the regex ${QUALIFIED_NAME_PART.source}`);
  return errors;
}

function uri(text: string): string[] {
  try {
    new URL(text);
    return [];
  } catch {
    return ['must be a valid URI'];
  }
}

const dns1123Label = pattern(DNS1123_LABEL, 63, 'lowercase RFC 1123 label');
const dns1123Subdomain = pattern(DNS1123_SUBDOMAIN, 253, 'lowercase RFC 1123 subdomain');
const dns1035Label = pattern(DNS1035_LABEL, 63, 'DNS-1035 label');

const VALIDATORS: Record<string, Validator> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  dns1123LabelPrefix: prefix(dns1123Label),
  dns1123SubdomainPrefix: prefix(dns1123Subdomain),
  dns1035LabelPrefix: prefix(dns1035Label),
  qualifiedName,
  labelValue: pattern(LABEL_VALUE, 63, 'valid label'),
  uri,
  uuid: (text) => (UUID.test(text) ? [] : ['does not match the UUID format']),
  byte: (text) => (BASE64.test(text) ? [] : ['invalid base64']),
  date: (text) => (DATE.test(text) && !Number.isNaN(Date.parse(text)) ? [] : ['invalid date']),
  datetime: (text) => (DATETIME.test(text) && !Number.isNaN(Date.parse(text)) ? [] : ['invalid date-time']),
};

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);

/** The value of the `format` variable: named formats are its methods. */
export const formatRoot = opaque('format', 'format', null as Validator | null);

export const formatFunctions: CelFunc[] = [
  ...Object.entries(VALIDATORS).map(([name, validator]) =>
    celMethod(name, ANY_MAP, [], CelScalar.DYN, function () {
      expect('format', this, name);
      return opaque('format', name, validator);
    }),
  ),
  namedFormat('named'),
  celMethod('validate', ANY_MAP, [CelScalar.STRING], CelScalar.DYN, function (text) {
    const validator = expect<Validator | null>('format', this, 'validate');
    if (!validator) throw new Error('no such overload: validate needs a named format');
    const errors = validator(text);
    return errors.length > 0 ? some(errors) : none();
  }),
];

/** `format.named('dns1123Label')`: an optional format, empty for an unknown name. */
function namedFormat(name: string): CelFunc {
  return celMethod(name, ANY_MAP, [CelScalar.STRING], CelScalar.DYN, function (formatName) {
    expect('format', this, name);
    const validator = VALIDATORS[formatName];
    return validator ? some(opaque('format', formatName, validator)) : none();
  });
}
