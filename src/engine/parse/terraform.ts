import type { ReadScope } from '../reading.js';
import type { SourceFile } from '../source.js';
import { parseDirective, type Suppression } from '../suppress.js';
import type { IacResource } from './iac.js';
import type { Comment, Expr, HclBlock, SyntaxProblem, TerraformSyntax } from './terraform-ast.js';
import { Evaluator, type ModuleValues, type NotEvaluated } from './terraform-eval.js';
import { terraformJsonSyntax } from './terraform-json.js';
import { terraformSyntax } from './terraform-syntax.js';
import { YScalar } from './yaml.js';

import { initTerraformParser } from './hcl.js';

export { initTerraformParser, isTerraformParserReady } from './hcl.js';
export { JSONENCODE_TAG } from './terraform-eval.js';
export { jsonInString } from './terraform-strings.js';

/**
 * A Terraform file as rules see it: its resources, data sources and module calls with evaluated bodies,
 * where it does not parse, and its `bulwark:ignore` comments. Variables and locals come from every
 * Terraform file of the folder (the module); each file is parsed once per scan, through `scope.cache`.
 */
export interface TerraformFile {
  resources: IacResource[];
  problems: SyntaxProblem[];
  /** Attributes the evaluator's limits left partly unknown, where no rule could look. */
  notEvaluated: NotEvaluated[];
  suppressions: Suppression[];
}

/**
 * Loads the Terraform parser when any of these files is Terraform: it is WebAssembly, loaded
 * asynchronously before the synchronous scan, and only scans with Terraform pay for it.
 */
export async function initTerraformParserFor(files: Iterable<{ path: string }>): Promise<void> {
  for (const file of files) {
    if (isTerraformPath(file.path)) return initTerraformParser();
  }
}

export function isTerraformPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.tf') || lower.endsWith('.tf.json');
}

/** The folder of a path, as the scan's scope names folders. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

/** Requires `initTerraformParser()` to have finished (see isTerraformParserReady). */
export function readTerraformFile(file: SourceFile, scope: ReadScope): TerraformFile {
  const syntax = syntaxOf(file, scope);
  const folder = folderOf(file.path);
  const evaluator = new Evaluator(new ModuleScope(folder, syntax, scope));
  const resources: IacResource[] = [];
  for (const block of syntax.blocks) {
    const identity = identityOf(block);
    if (!identity) continue;
    const header = new YScalar(block.start, block.typeEnd, block.type, block.type, 1, undefined, false);
    resources.push({ platform: 'terraform', file, ...identity, header, body: evaluator.block(block), folder });
  }
  return {
    resources,
    problems: syntax.problems,
    notEvaluated: evaluator.notEvaluated,
    suppressions: syntax.comments.flatMap((c) => suppressionOf(c, file) ?? []),
  };
}

/** The unit id of a resource: its Terraform address. */
export function addressOf(resource: IacResource): string {
  if (resource.kind === 'module') return `module.${resource.name}`;
  return `${resource.kind === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
}

function identityOf(block: HclBlock): Pick<IacResource, 'kind' | 'type' | 'name'> | undefined {
  const [first, second] = block.labels;
  if ((block.type === 'resource' || block.type === 'data') && block.labels.length === 2)
    return { kind: block.type, type: first!, name: second! };
  if (block.type === 'module' && block.labels.length === 1) return { kind: 'module', type: 'module', name: first! };
  return undefined;
}

interface CachedSyntax {
  text: string;
  syntax: TerraformSyntax;
}

/** A file's syntax, parsed once per scan whichever file of the folder asks first. */
function syntaxOf(file: SourceFile, scope: ReadScope): TerraformSyntax {
  const key = `terraform:syntax:${file.path}`;
  const cached = scope.cache.get(key) as CachedSyntax | undefined;
  if (cached && cached.text === file.text) return cached.syntax;
  const syntax = parse(file);
  scope.cache.set(key, { text: file.text, syntax } satisfies CachedSyntax);
  return syntax;
}

function parse(file: SourceFile): TerraformSyntax {
  try {
    return file.path.toLowerCase().endsWith('.json') ? terraformJsonSyntax(file.text) : terraformSyntax(file.text);
  } catch (error) {
    // The parsers do not throw on bad input; this is the last line of defence for a bug, not a syntax error.
    const message = error instanceof Error ? error.message : String(error);
    return { blocks: [], problems: [{ offset: 0, message: `could not be parsed (${message})` }], comments: [] };
  }
}

/** Variable defaults and locals declared in some syntax trees. */
class Declarations {
  readonly defaults = new Map<string, Expr>();
  readonly locals = new Map<string, Expr>();

  add(syntax: TerraformSyntax): this {
    for (const block of syntax.blocks) {
      if (block.type === 'variable' && block.labels.length === 1) {
        const fallback = block.items.find((item) => item.kind === 'attribute' && item.name === 'default');
        // `default = null` leaves the variable to be set by the caller: as unknown as no default.
        if (fallback?.kind === 'attribute' && !isNull(fallback.value) && !this.defaults.has(block.labels[0]!))
          this.defaults.set(block.labels[0]!, fallback.value);
      } else if (block.type === 'locals') {
        for (const item of block.items)
          if (item.kind === 'attribute' && !this.locals.has(item.name)) this.locals.set(item.name, item.value);
      }
    }
    return this;
  }
}

function isNull(expr: Expr): boolean {
  return expr.kind === 'literal' && expr.value === null;
}

/**
 * `var.x` and `local.x` of a module: the file's own declarations, then those of every Terraform file of
 * its folder (the file itself included, as the scope may hold another copy of it). The folder is read
 * only when a file first refers to a variable or local it does not declare, then kept for the scan.
 */
class ModuleScope implements ModuleValues {
  private own: Declarations | undefined;
  private folderDeclarations: Declarations | undefined;

  constructor(
    private readonly folder: string,
    private readonly syntax: TerraformSyntax,
    private readonly scope: ReadScope,
  ) {}

  variableDefault(name: string): Expr | undefined {
    return this.ownDeclarations().defaults.get(name) ?? this.folderWide().defaults.get(name);
  }

  local(name: string): Expr | undefined {
    return this.ownDeclarations().locals.get(name) ?? this.folderWide().locals.get(name);
  }

  private ownDeclarations(): Declarations {
    this.own ??= new Declarations().add(this.syntax);
    return this.own;
  }

  private folderWide(): Declarations {
    if (this.folderDeclarations) return this.folderDeclarations;
    const key = `terraform:module:${this.folder}`;
    let declarations = this.scope.cache.get(key) as Declarations | undefined;
    if (!declarations) {
      declarations = new Declarations();
      for (const other of this.scope.filesIn(this.folder)) {
        if (isTerraformPath(other.path)) declarations.add(syntaxOf(other, this.scope));
      }
      this.scope.cache.set(key, declarations);
    }
    this.folderDeclarations = declarations;
    return declarations;
  }
}

// ---------------------------------------------------------------------------------------------------
// Suppressions

const MARKER = 'bulwark:ignore';

/**
 * A `bulwark:ignore <ids> -- <reason>` directive in a comment: `# ...`, `// ...`, or a line of a
 * `/* ... *\/` comment. The parser found the comments, so text inside strings and heredocs is never read
 * as one.
 */
function suppressionOf(comment: Comment, file: SourceFile): Suppression | undefined {
  const leader = comment.text.startsWith('#') ? 1 : 2;
  const block = comment.text.startsWith('/*');
  const body = comment.text.slice(leader, block && comment.text.endsWith('*/') ? -2 : undefined);
  const found = (block ? /(?:^|\n)[ \t*]*bulwark:ignore\b/ : /^[ \t]*bulwark:ignore\b/).exec(body);
  if (!found) return undefined;
  const markerAt = body.indexOf(MARKER, found.index);
  let lineEnd = body.indexOf('\n', markerAt);
  if (lineEnd === -1) lineEnd = body.length;
  const { ruleIds, reason } = parseDirective(body.slice(markerAt + MARKER.length, lineEnd).replace(/\r$/, ''));
  if (ruleIds.length === 0) return undefined;
  const onFirstLine = !body.slice(0, markerAt).includes('\n');
  const start = onFirstLine ? comment.start : Math.min(comment.start + leader + markerAt, comment.end - 1);
  const end = Math.max(start, Math.min(comment.start + leader + lineEnd, comment.end));
  return { ruleIds, reason, start, end, line: file.position(start).line };
}
