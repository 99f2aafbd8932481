import { parseHcl, type HclErrorNode, type HclNode, type HclTree } from './hcl.js';
import type { Comment, HclBlock, SyntaxProblem, TerraformSyntax } from './terraform-ast.js';
import { SyntaxReader } from './terraform-tree.js';

/**
 * `.tf` files: parsed with tree-sitter, read as Terraform (terraform-tree.ts), and their syntax errors.
 *
 * Error recovery: a block that contains an ERROR or MISSING node is not read (half a resource would make
 * rules report absent attributes that are merely unparsed), but the blocks the parser recovered are,
 * including those it nested inside an unclosed block; after an error that swallowed what follows (a stray
 * `}`, an unterminated string or heredoc), the file is parsed again from the next line that starts a
 * top-level block.
 */

const TOP_LEVEL_LINE = /^(?:resource|data|module|variable|locals|output|provider|terraform)[ \t]*["{]/gm;
const MAX_REPARSES = 8;
/** Error regions reported per file: binary or garbled input would otherwise give thousands. */
const MAX_PROBLEMS = 20;

export function terraformSyntax(text: string): TerraformSyntax {
  const syntax: TerraformSyntax = { blocks: [], problems: [], comments: [] };
  let tree = parseHcl(text);
  let from = 0;
  for (let round = 0; ; round++) {
    const restart = round < MAX_REPARSES ? restartPoint(tree, text) : undefined;
    const until = restart?.at ?? Number.POSITIVE_INFINITY;
    const blocks: HclBlock[] = [];
    new SyntaxReader(text).topLevel(tree.root, blocks);
    // Large files have many blocks and comments: append without spreading them as arguments.
    for (const block of blocks) if (block.start >= from && block.start < until) syntax.blocks.push(block);
    for (const comment of tree.comments) if (comment.start >= from && comment.start < until) syntax.comments.push(commentOf(comment, text));
    for (const error of tree.errors) if (error.node.start < until) syntax.problems.push(problemOf(error, text));
    if (!restart) break;
    if (restart.carried) syntax.problems.push(carriedProblem(restart.region, restart.carried, text));
    // Parse again from the restart point, blanking what is before it so offsets (and lines) stay as they are.
    from = restart.at;
    tree = parseHcl(text.slice(0, from).replace(/[^\r\n]/g, ' ') + text.slice(from));
  }
  syntax.problems = capped(syntax.problems);
  return syntax;
}

interface Restart {
  at: number;
  region: HclNode;
  /** The damaged region's first error, when it lies after the restart point (the parser noticed late). */
  carried?: HclErrorNode;
}

/**
 * Where to parse again: in a damaged top-level region (a block with an error, or an ERROR node that
 * swallowed what follows a stray `}`), the next line that starts a top-level block the parser did not
 * read intact. A line inside an intact heredoc is text, not a block, and is never a restart point.
 */
function restartPoint(tree: HclTree, text: string): Restart | undefined {
  for (const region of topLevelNodes(tree.root)) {
    if (!region.damaged) continue;
    TOP_LEVEL_LINE.lastIndex = region.start + 1;
    for (let line = TOP_LEVEL_LINE.exec(text); line && line.index < region.end; line = TOP_LEVEL_LINE.exec(text)) {
      if (readIntact(tree.root, line.index, text)) continue;
      const first = tree.errors.find((error) => error.node.start >= region.start && error.node.start <= region.end);
      return { at: line.index, region, carried: first && first.node.start >= line.index ? first : undefined };
    }
  }
  return undefined;
}

function topLevelNodes(root: HclNode): HclNode[] {
  return root.children.flatMap((child) => (child.type === 'body' ? child.children : [child]));
}

/** Whether the parser read the text at `at` as part of an intact block that starts there, or of an intact heredoc. */
function readIntact(root: HclNode, at: number, text: string): boolean {
  let node: HclNode | undefined = root;
  while (node) {
    if (node.type === 'block' && node.start === at && !node.damaged) return true;
    if (node.type === 'heredoc_template' && !node.damaged) return true;
    // A quoted string cannot span lines: one that does is an unterminated string that swallowed the line.
    if (node.type === 'quoted_template' || node.type === 'string_lit')
      return !node.damaged && !text.slice(node.start, node.end).includes('\n');
    node = node.children.find((child: HclNode) => child.start <= at && at < child.end);
  }
  return false;
}

function capped(problems: SyntaxProblem[]): SyntaxProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS);
  const last = kept[MAX_PROBLEMS - 1]!;
  kept[MAX_PROBLEMS - 1] = { ...last, message: `${last.message} (and ${problems.length - MAX_PROBLEMS} more syntax errors)` };
  return kept;
}

/**
 * A damaged block's error that the parser only noticed after the next block began (an unterminated
 * string swallowed lines): reported at the damaged block, since the next block is read intact.
 */
function carriedProblem(region: HclNode, error: HclErrorNode, text: string): SyntaxProblem {
  const { offset, message } = problemOf(error, text);
  const what = region.type === 'block' ? blockName(region, text) : 'this block';
  return { offset: region.start, message: `${what} does not parse (${message} at line ${lineOf(text, offset)})` };
}

function commentOf(node: HclNode, text: string): Comment {
  return { start: node.start, end: node.end, text: text.slice(node.start, node.end) };
}

/** Token names of the grammar, as the text a user would type. */
const TOKEN_TEXT: Record<string, string> = {
  block_start: '{',
  block_end: '}',
  object_start: '{',
  object_end: '}',
  tuple_start: '[',
  tuple_end: ']',
  quoted_template_start: '"',
  quoted_template_end: '"',
  template_interpolation_end: '}',
  template_directive_end: '}',
  heredoc_identifier: 'heredoc end marker',
};

/** Tokens whose absence is the error itself: an unclosed bracket, string or heredoc. */
const CLOSERS = new Set(['}', ']', ')', '"', 'heredoc end marker']);

function problemOf({ node, ancestors }: HclErrorNode, text: string): SyntaxProblem {
  // A missing token at the end of the file is reported on the last line that has content.
  const offset = Math.min(node.start, Math.max(0, text.trimEnd().length - 1));
  if (node.missing) {
    const token = TOKEN_TEXT[node.type] ?? node.type;
    const quoted = /^[a-z_]+$/.test(token) || token.includes(' ') ? token.replace(/_/g, ' ') : `'${token}'`;
    const block = [...ancestors].reverse().find((a) => a.type === 'block');
    if (block && token === '}' && ancestors[ancestors.length - 1]?.type === 'block_end') {
      return { offset, message: `missing '}' to close ${blockName(block, text)} (line ${lineOf(text, block.start)})` };
    }
    return { offset, message: CLOSERS.has(token) ? `missing ${quoted}` : `syntax error (expected ${quoted} here)` };
  }
  const token = firstToken(node, text);
  return { offset, message: token === undefined ? 'syntax error' : `unexpected '${token}'` };
}

function blockName(block: HclNode, text: string): string {
  const header = block.children.filter((c) => c.type === 'identifier' || c.type === 'string_lit');
  return header.map((c) => text.slice(c.start, c.end)).join(' ');
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstToken(node: HclNode, text: string): string | undefined {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.children.length === 0) {
      const token = text.slice(current.start, current.end).trim();
      if (token.length > 0) return token.length > 30 ? `${token.slice(0, 30)}...` : token.replace(/\s+/g, ' ');
      continue;
    }
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return undefined;
}
