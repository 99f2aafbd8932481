/**
 * Variable substitution in Dockerfile words (the image of a FROM, a USER, ARG and ENV values), as
 * BuildKit's shell lexer does it: quotes removed, the escape character honoured, and `$NAME`, `${NAME}`,
 * `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}` substituted. A word that depends on a
 * variable whose value the file does not give (an ARG without default, a build argument, a pattern
 * modifier the engine does not evaluate) is unknown, never guessed.
 */

/**
 * Variables in scope: a string when its value is known, undefined when it is declared without a value the
 * engine can know. A name that is absent is unknown too: it may come from the build's own arguments.
 */
export type Variables = ReadonlyMap<string, string | undefined>;

/** Nesting of `${a:-${b:-...}}` beyond which a word is not worth evaluating. */
const MAX_NESTING = 16;

/** The word with its variables substituted, or undefined when that depends on something unknown. */
export function expandWord(word: string, variables: Variables, escape: string): string | undefined {
  const lexer = new WordLexer(word, variables, escape);
  const value = lexer.read(false, 0);
  return lexer.unknown ? undefined : value;
}

class WordLexer {
  private pos = 0;
  unknown = false;

  constructor(
    private readonly text: string,
    private readonly variables: Variables,
    private readonly escape: string,
  ) {}

  /** Reads to the end of the word, or (inside `${...}`) to its closing brace, which it leaves unread. */
  read(inBraces: boolean, depth: number): string {
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (inBraces && c === '}') break;
      if (c === this.escape) {
        out += this.text[this.pos + 1] ?? '';
        this.pos += 2;
      } else if (c === "'") {
        out += this.singleQuoted();
      } else if (c === '"') {
        out += this.doubleQuoted(depth);
      } else if (c === '$') {
        out += this.variable(depth);
      } else {
        out += c;
        this.pos++;
      }
    }
    return out;
  }

  private singleQuoted(): string {
    const close = this.text.indexOf("'", this.pos + 1);
    const end = close === -1 ? this.text.length : close;
    const value = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  private doubleQuoted(depth: number): string {
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === this.escape) {
        const next = this.text[this.pos + 1];
        // Inside double quotes the escape character escapes only `"`, `$` and itself.
        out += next === '"' || next === '$' || next === this.escape ? next : c + (next ?? '');
        this.pos += 2;
      } else if (c === '$') {
        out += this.variable(depth);
      } else {
        out += c;
        this.pos++;
      }
    }
    return out;
  }

  /** A `$` and what follows it. */
  private variable(depth: number): string {
    this.pos++;
    if (this.text[this.pos] !== '{') {
      const name = this.name();
      return name === '' ? '$' : this.lookup(name);
    }
    this.pos++;
    const name = this.name();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return name === '' ? this.fail() : this.lookup(name);
    }
    const modifier = this.modifier();
    if (depth >= MAX_NESTING) {
      this.fail();
      this.pos = this.text.length;
      return '';
    }
    const word = this.read(true, depth + 1);
    this.pos++; // the closing brace
    if (name === '' || modifier === undefined) return this.fail();
    const value = this.lookup(name);
    switch (modifier) {
      case ':-':
        return value !== '' ? value : word;
      case ':+':
        return value !== '' ? word : '';
      // Every variable with a known value is set, so the colon-less forms only see set variables.
      case '-':
        return value;
      case '+':
        return word;
    }
  }

  private name(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    const name = match?.[0] ?? '';
    this.pos += name.length;
    return name;
  }

  /** The substitution modifier after a name; undefined for those the engine does not evaluate (`#`, `%`, `/`, `?`). */
  private modifier(): ':-' | ':+' | '-' | '+' | undefined {
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === ':-' || two === ':+') {
      this.pos += 2;
      return two;
    }
    const one = this.text[this.pos];
    if (one === '-' || one === '+') {
      this.pos++;
      return one;
    }
    return undefined;
  }

  private lookup(name: string): string {
    const value = this.variables.get(name);
    return value === undefined ? this.fail() : value;
  }

  private fail(): string {
    this.unknown = true;
    return '';
  }
}
