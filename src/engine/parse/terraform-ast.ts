import type { StringPiece } from './terraform-strings.js';

/**
 * Terraform configuration as plain data, whichever syntax it was written in (`.tf` through tree-sitter,
 * `.tf.json` through the JSON parser): blocks, attributes and unevaluated expressions, each with its
 * offsets in the file. Evaluation (terraform-eval.ts) turns expressions into positioned values.
 */

export interface TerraformSyntax {
  /** Top-level blocks the parser read without error, in source order. */
  blocks: HclBlock[];
  /** Where the file does not parse. */
  problems: SyntaxProblem[];
  comments: Comment[];
}

export interface SyntaxProblem {
  offset: number;
  message: string;
}

export interface Comment {
  start: number;
  end: number;
  text: string;
}

export interface HclBlock {
  kind: 'block';
  /** `resource`, `data`, `module`, `variable`, `locals`, or a nested block's type. */
  type: string;
  labels: string[];
  /** Offsets of the block's type keyword (for `.tf.json`, of the key that names the block). */
  start: number;
  typeEnd: number;
  end: number;
  items: HclItem[];
}

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  start: number;
  nameEnd: number;
  value: Expr;
}

/** A `dynamic "label"` block: its content is generated, so the engine cannot know it. */
export interface HclDynamic {
  kind: 'dynamic';
  label: string;
  start: number;
  end: number;
}

export type HclItem = HclAttribute | HclBlock | HclDynamic;

interface Spanned {
  start: number;
  end: number;
}

/** A number, bool or null literal (strings are templates). */
export interface LiteralExpr extends Spanned {
  kind: 'literal';
  value: number | boolean | null;
  text: string;
}

/** A quoted string or heredoc, with or without interpolations. */
export interface TemplateExpr extends Spanned {
  kind: 'template';
  heredoc: boolean;
  parts: TemplatePart[];
}

export type TemplatePart =
  | { kind: 'text'; pieces: StringPiece[] }
  | { kind: 'interpolation'; expr: Expr | undefined; start: number; end: number; text: string }
  /** `%{ if }` / `%{ for }`: the engine does not evaluate template directives. */
  | { kind: 'directive'; start: number; end: number; text: string };

export interface TupleExpr extends Spanned {
  kind: 'tuple';
  items: Expr[];
}

export interface ObjectElem {
  key: Expr;
  /** Whether the key is a bare name (`Version = ...`), which HCL reads as a string, not a reference. */
  keyIsName: boolean;
  value: Expr;
  /** A `.tf.json` `dynamic` entry: `key` names the generated blocks, whose content is unknown. */
  dynamic?: boolean;
}

export interface ObjectExpr extends Spanned {
  kind: 'object';
  elems: ObjectElem[];
}

export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: Expr } | { kind: 'splat' };

/** A name with attribute and index steps: `var.x`, `aws_ecr_repository.app.name`, `each.value[0]`. */
export interface TraversalExpr extends Spanned {
  kind: 'traversal';
  root: string;
  steps: Step[];
  text: string;
}

/** Steps applied to something other than a name: `(local.x).y`, `[1, 2][0]`, `f(x).y`. */
export interface AccessExpr extends Spanned {
  kind: 'access';
  base: Expr;
  steps: Step[];
  text: string;
}

export interface CallExpr extends Spanned {
  kind: 'call';
  name: string;
  args: Expr[];
  /** `f(list...)`: the last argument is expanded. */
  expanded: boolean;
  text: string;
}

export interface UnaryExpr extends Spanned {
  kind: 'unary';
  operator: '-' | '!';
  operand: Expr;
  text: string;
}

/** Anything the engine does not evaluate: conditionals, `for` expressions, operators, nesting too deep. */
export interface OpaqueExpr extends Spanned {
  kind: 'opaque';
  text: string;
}

export type Expr = LiteralExpr | TemplateExpr | TupleExpr | ObjectExpr | TraversalExpr | AccessExpr | CallExpr | UnaryExpr | OpaqueExpr;

/** How deep expressions and blocks are read; anything deeper is unknown (and cannot overflow the stack). */
export const MAX_DEPTH = 200;
