import type { Labels, ParsedSelector, Requirement } from './label-selector.js';

/**
 * Calico's selector expressions (`app == 'web' && !has(canary)`), evaluated against a pod's labels with
 * three values: `undefined` when the expression cannot be read (a syntax this module does not know) or
 * depends on something other than the pod's own labels (`projectcalico.org/namespace`, namespace labels
 * under `pcns.`, service account labels under `pcsa.`). An empty expression selects everything.
 *
 * Supported: `all()`, `global()`, `has(k)`, `k == 'v'`, `k != 'v'`, `k in {'a', 'b'}`, `k not in {...}`,
 * `k starts with 'v'`, `k ends with 'v'`, `k contains 'v'`, `!`, `&&`, `||` and parentheses.
 */
export function calicoSelectorMatches(expression: string, labels: Labels): boolean | undefined {
  if (expression.trim() === '') return true;
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  const parser = new Parser(tokens, labels);
  try {
    const result = parser.or();
    return parser.done() ? result : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * A Calico selector written as a plain conjunction (`app == 'web' && has(tier) && !has(canary)`, the way
 * policies are nearly always written) as label-selector requirements, so that policies can be indexed by
 * label; undefined for any other form (`||`, parentheses, string operators), which is evaluated as a whole.
 * `global()` and `k in {}` select no pod: they become a requirement that never holds.
 */
export function calicoRequirements(expression: string): ParsedSelector | undefined {
  const parsed: ParsedSelector = { requirements: [], unreadable: false };
  if (expression.trim() === '') return parsed;
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  let at = 0;
  const take = (kind: Token['kind'], text?: string): Token | undefined => {
    const token = tokens[at];
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) return undefined;
    at++;
    return token;
  };
  const strings = (): string[] | undefined => {
    if (!take('op', '{')) return undefined;
    const values: string[] = [];
    if (take('op', '}')) return values;
    do {
      const value = take('string');
      if (!value) return undefined;
      values.push(value.text);
    } while (take('op', ','));
    return take('op', '}') ? values : undefined;
  };
  const term = (): Requirement | null | undefined => {
    const negated = take('op', '!') !== undefined;
    const word = take('word');
    if (!word) return undefined;
    if (negated || word.text === 'has' || word.text === 'all' || word.text === 'global') {
      if (!take('op', '(')) return undefined;
      if (word.text === 'has') {
        const key = take('word');
        if (!key || !take('op', ')')) return undefined;
        return { key: key.text, operator: negated ? 'DoesNotExist' : 'Exists', values: [] };
      }
      if (negated || !take('op', ')')) return undefined;
      return word.text === 'all' ? null : NEVER;
    }
    const key = word.text;
    if (take('op', '==') || take('op', '!=')) {
      const equal = tokens[at - 1]!.text === '==';
      const value = take('string');
      return value ? { key, operator: equal ? 'In' : 'NotIn', values: [value.text] } : undefined;
    }
    const not = take('word', 'not') !== undefined;
    if (!take('word', 'in')) return undefined;
    const values = strings();
    return values ? { key, operator: not ? 'NotIn' : 'In', values } : undefined;
  };
  do {
    const requirement = term();
    if (requirement === undefined) return undefined;
    if (requirement === null) continue;
    if (isReadableKey(requirement.key) || requirement === NEVER) parsed.requirements.push(requirement);
    else parsed.unreadable = true;
  } while (take('op', '&&'));
  return at === tokens.length ? parsed : undefined;
}

/** A requirement no pod meets (`global()` selects host endpoints and network sets, never a pod). */
const NEVER: Requirement = { key: '', operator: 'In', values: [] };

/** Keys that are the pod's own labels; Calico's namespace, namespace-label and service-account keys are not. */
function isReadableKey(key: string): boolean {
  return !(key.startsWith('projectcalico.org/') || key.startsWith('pcns.') || key.startsWith('pcsa.'));
}

type Value = boolean | undefined;

interface Token {
  kind: 'word' | 'string' | 'op';
  text: string;
}

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(==|!=|&&|\|\||[!(){},])|'([^']*)'|"([^"]*)"|([A-Za-z0-9_./-]+))/y;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (!match) return undefined;
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'string', text: match[3] });
    else tokens.push({ kind: 'word', text: match[4]! });
  }
  return tokens;
}

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly labels: Labels,
  ) {}

  done(): boolean {
    return this.at === this.tokens.length;
  }

  or(): Value {
    let result = this.and();
    while (this.accept('op', '||')) {
      const right = this.and();
      result = result === true || right === true ? true : result === undefined || right === undefined ? undefined : false;
    }
    return result;
  }

  private and(): Value {
    let result = this.unary();
    while (this.accept('op', '&&')) {
      const right = this.unary();
      result = result === false || right === false ? false : result === undefined || right === undefined ? undefined : true;
    }
    return result;
  }

  private unary(): Value {
    if (this.accept('op', '!')) {
      const value = this.unary();
      return value === undefined ? undefined : !value;
    }
    return this.primary();
  }

  private primary(): Value {
    if (this.accept('op', '(')) {
      const value = this.or();
      this.expect('op', ')');
      return value;
    }
    const word = this.expect('word').text;
    if ((word === 'all' || word === 'global' || word === 'has') && this.accept('op', '(')) {
      if (word === 'has') {
        const key = this.expect('word').text;
        this.expect('op', ')');
        return this.ifReadable(key, (label) => this.labels.has(label));
      }
      this.expect('op', ')');
      // `global()` selects non-namespaced endpoints (host endpoints, network sets), never a pod.
      return word === 'all';
    }
    return this.comparison(word);
  }

  private comparison(key: string): Value {
    if (this.accept('op', '==')) {
      const value = this.expect('string').text;
      return this.ifReadable(key, (label) => this.labels.get(label) === value);
    }
    if (this.accept('op', '!=')) {
      const value = this.expect('string').text;
      return this.ifReadable(key, (label) => this.labels.get(label) !== value);
    }
    if (this.accept('word', 'in')) {
      const set = this.set();
      return this.ifReadable(key, (label) => {
        const actual = this.labels.get(label);
        return actual !== undefined && set.includes(actual);
      });
    }
    if (this.accept('word', 'not')) {
      this.expect('word', 'in');
      const set = this.set();
      return this.ifReadable(key, (label) => {
        const actual = this.labels.get(label);
        return actual === undefined || !set.includes(actual);
      });
    }
    for (const [first, second, test] of STRING_OPERATORS) {
      if (!this.accept('word', first)) continue;
      if (second) this.expect('word', second);
      const value = this.expect('string').text;
      return this.ifReadable(key, (label) => {
        const actual = this.labels.get(label);
        return actual !== undefined && test(actual, value);
      });
    }
    throw new SyntaxError(`unexpected token after ${key}`);
  }

  private set(): string[] {
    this.expect('op', '{');
    const values: string[] = [];
    if (this.accept('op', '}')) return values;
    do values.push(this.expect('string').text);
    while (this.accept('op', ','));
    this.expect('op', '}');
    return values;
  }

  /** Keys that are not the pod's own labels cannot be evaluated from the manifest. */
  private ifReadable(key: string, test: (label: string) => boolean): Value {
    return isReadableKey(key) ? test(key) : undefined;
  }

  private accept(kind: Token['kind'], text?: string): Token | undefined {
    const token = this.tokens[this.at];
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) return undefined;
    this.at++;
    return token;
  }

  private expect(kind: Token['kind'], text?: string): Token {
    const token = this.accept(kind, text);
    if (!token) throw new SyntaxError(`expected ${text ?? kind}`);
    return token;
  }
}

const STRING_OPERATORS: ReadonlyArray<[string, string | undefined, (actual: string, value: string) => boolean]> = [
  ['starts', 'with', (actual, value) => actual.startsWith(value)],
  ['ends', 'with', (actual, value) => actual.endsWith(value)],
  ['contains', undefined, (actual, value) => actual.includes(value)],
];
