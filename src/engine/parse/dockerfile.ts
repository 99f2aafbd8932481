import { Arg, DockerfileParser, Env, From, User, type Instruction, type Line } from 'dockerfile-ast';
import type { SourceFile } from '../source.js';
import { expandWord, type Variables } from './dockerfile-expand.js';

/**
 * A Dockerfile as the rules see it: its build stages, each with its base image resolved the way Docker
 * resolves it (ARG defaults declared before the first FROM, earlier stages by name) and its USER
 * instructions. Offsets are into the file's text.
 */
export interface Dockerfile {
  file: SourceFile;
  stages: Stage[];
}

export interface Stage {
  /** Position among the file's stages, from 0, as `COPY --from=0` counts them. */
  index: number;
  /** The `AS` name as written (Docker compares stage names case-insensitively). */
  name: string | undefined;
  from: FromInstruction;
  /** The stage's USER instructions, in order. */
  users: UserInstruction[];
  /** The earlier stage this one builds on (`FROM build`), whose image settings, USER included, it inherits. */
  base: Stage | undefined;
}

export interface FromInstruction {
  /** Offsets of the whole instruction, from the `FROM` keyword (continuation lines included). */
  start: number;
  end: number;
  /** The image argument as written (`${BASE}:${TAG}`); undefined when the FROM names none. */
  written: string | undefined;
  /** The image once variables are substituted; undefined when that depends on a value the file does not give. */
  image: string | undefined;
  /** The `--platform` flag's value, as written. */
  platform: string | undefined;
}

export interface UserInstruction {
  start: number;
  end: number;
  /** The argument as written (`$APP_USER`, `app:app`). */
  written: string;
  /** `user[:group]` once variables are substituted; undefined when not known. */
  value: string | undefined;
}

/** A `#` comment line: where it is, and its text after the `#`. */
export interface DockerfileComment {
  start: number;
  end: number;
  content: string;
}

export interface ParsedDockerfile {
  dockerfile: Dockerfile;
  comments: DockerfileComment[];
}

/**
 * Parses a Dockerfile. dockerfile-ast is lenient: it reads any text (binary junk, a file without FROM,
 * broken continuations) into instructions without throwing, so this never fails either.
 */
export function parseDockerfile(file: SourceFile): ParsedDockerfile {
  const ast = DockerfileParser.parse(file.text);
  const lines = new LineIndex(file.text);
  const span = (line: Line) => lines.span(line.getRange());
  const builder = new StageBuilder(ast.getEscapeCharacter(), span);
  for (const instruction of ast.getInstructions()) builder.add(instruction);
  const comments = ast.getComments().map((comment) => ({ ...span(comment), content: comment.getContent() }));
  // dockerfile-ast takes any `# ...=...` line at the top of the file for a parser directive. Docker wants
  // a plain word before the `=`, and reads anything else (`# bulwark:ignore x -- see a=b`) as a comment.
  for (const directive of ast.getDirectives()) {
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(directive.getName())) continue;
    const { start, end } = span(directive);
    comments.push({ start, end, content: file.text.slice(start, end).replace(/^\s*#/, '').trim() });
  }
  comments.sort((a, b) => a.start - b.start);
  return { dockerfile: { file, stages: builder.stages }, comments };
}

/** The label a stage goes by in findings' logical paths: its name, else its index. */
export function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

/**
 * The USER a stage's processes run as, with the stage that sets it: its own last USER, else the one it
 * inherits from the stage it builds on. Undefined when no stage of the chain sets one.
 */
export function effectiveUser(stage: Stage): { stage: Stage; user: UserInstruction } | undefined {
  for (let current: Stage | undefined = stage; current; current = current.base) {
    const user = current.users[current.users.length - 1];
    if (user) return { stage: current, user };
  }
  return undefined;
}

interface Span {
  start: number;
  end: number;
}

/**
 * Walks the instructions in order, keeping the variables Docker would have in scope: ARGs declared
 * before the first FROM (the only ones a FROM sees), then per stage the ENV it inherits from its base
 * stage plus its own ARGs and ENVs (ENV wins over an ARG of the same name).
 */
class StageBuilder {
  readonly stages: Stage[] = [];
  private readonly globals = new Map<string, string | undefined>();
  /** ENV of each stage (inherited ones included), for stages built on it. */
  private readonly environments: Array<Map<string, string | undefined>> = [];
  private args = new Map<string, string | undefined>();

  constructor(
    private readonly escape: string,
    private readonly span: (line: Line) => Span,
  ) {}

  add(instruction: Instruction): void {
    if (instruction instanceof From) this.from(instruction);
    else if (instruction instanceof Arg) this.arg(instruction);
    else if (this.stages.length === 0)
      return; // only ARG may come before the first FROM
    else if (instruction instanceof Env) this.env(instruction);
    else if (instruction instanceof User) this.user(instruction);
  }

  private from(instruction: From): void {
    const written = instruction.getImage() ?? undefined;
    const image = written === undefined ? undefined : expandWord(written, this.globals, this.escape);
    const base = image === undefined ? undefined : this.stageNamed(image);
    const stage: Stage = {
      index: this.stages.length,
      name: instruction.getBuildStage() ?? undefined,
      from: { ...this.span(instruction), written, image, platform: instruction.getPlatformFlag()?.getValue() ?? undefined },
      users: [],
      base,
    };
    this.stages.push(stage);
    this.environments.push(new Map(base ? this.environments[base.index] : []));
    this.args = new Map();
  }

  /** The latest earlier stage of that name: Docker looks a FROM's image up among the stages before it. */
  private stageNamed(image: string): Stage | undefined {
    const wanted = image.toLowerCase();
    for (let i = this.stages.length - 1; i >= 0; i--) {
      const stage = this.stages[i]!;
      if (stage.name?.toLowerCase() === wanted) return stage;
    }
    return undefined;
  }

  // Docker substitutes variables in a whole instruction before running it: in `ENV A=1 B=$A`, B sees the A
  // from before the instruction. Hence one scope per instruction.
  private arg(instruction: Arg): void {
    const global = this.stages.length === 0;
    const scope = global ? new Map(this.globals) : this.scope();
    for (const property of instruction.getProperties()) {
      const name = property.getName();
      const written = property.getUnescapedValue();
      if (global) {
        // Redeclaring a global ARG without a default keeps the value it has.
        if (written !== null) this.globals.set(name, expandWord(written, scope, this.escape));
        else if (!this.globals.has(name)) this.globals.set(name, undefined);
      } else {
        // In a stage, `ARG NAME` brings the global's value in; `ARG NAME=default` has its own.
        this.args.set(name, written === null ? this.globals.get(name) : expandWord(written, scope, this.escape));
      }
    }
  }

  private env(instruction: Env): void {
    const environment = this.environments[this.environments.length - 1]!;
    const scope = this.scope();
    for (const property of instruction.getProperties()) {
      const written = property.getUnescapedValue();
      environment.set(property.getName(), written === null ? undefined : expandWord(written, scope, this.escape));
    }
  }

  private user(instruction: User): void {
    const args = instruction.getArguments();
    if (args.length === 0) return; // `USER` alone does not build; it sets nothing
    const written = instruction.getArgumentsContent() ?? '';
    const value = args.length === 1 ? expandWord(args[0]!.getValue(), this.scope(), this.escape) : undefined;
    this.stages[this.stages.length - 1]!.users.push({ ...this.span(instruction), written, value });
  }

  /** Variables in scope inside the current stage. */
  private scope(): Variables {
    const scope = new Map(this.args);
    for (const [name, value] of this.environments[this.environments.length - 1]!) scope.set(name, value);
    return scope;
  }
}

/**
 * Offsets from dockerfile-ast's line/character positions. Its lines end at `\r\n`, `\r` or `\n` (a
 * language-server text document's rule), which is not SourceFile's, so it gets its own index.
 */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 13 || c === 10) this.starts.push(i + 1);
    }
  }

  offset(position: { line: number; character: number }): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    const next = this.starts[line + 1] ?? this.text.length;
    return Math.min(this.starts[line]! + Math.max(0, position.character), next);
  }

  span(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { start: this.offset(range.start), end: this.offset(range.end) };
  }
}
