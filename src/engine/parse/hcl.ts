import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/**
 * Tree-sitter for Terraform's HCL. Loading the wasm runtime and grammar is asynchronous and costs tens
 * of milliseconds, so it happens once per process (`initTerraformParser`, called by the entries and by
 * tests); after that, parsing is synchronous, as the engine's scan is.
 *
 * A parse is turned at once into a plain `HclNode` tree and the wasm tree is freed: the rest of the
 * engine never touches web-tree-sitter (whose trees live in wasm memory and must be deleted by hand), and
 * walking plain objects is much cheaper than crossing into wasm for every node property.
 */

const RUNTIME_WASM = 'web-tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-terraform.wasm';

let loading: Promise<void> | undefined;
let parser: Parser | undefined;

/** Loads the parser once per process; every caller shares the same promise. */
export function initTerraformParser(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // let a later call try again rather than caching the failure
    throw error;
  });
  return loading;
}

/** Whether `initTerraformParser` has finished, so that Terraform files can be parsed synchronously. */
export function isTerraformParserReady(): boolean {
  return parser !== undefined;
}

async function load(): Promise<void> {
  const runtime = wasmPath(RUNTIME_WASM, 'web-tree-sitter/web-tree-sitter.wasm');
  const grammar = wasmPath(GRAMMAR_WASM, `@tree-sitter-grammars/tree-sitter-hcl/${GRAMMAR_WASM}`);
  await Parser.init({ locateFile: () => runtime });
  const language = await Language.load(new Uint8Array(await readFile(grammar)));
  const ready = new Parser();
  ready.setLanguage(language);
  parser = ready;
}

/**
 * Where a wasm file is: beside the running module first (the build copies both files next to
 * dist/cli.js, so the bundled CLI works from any directory), else in node_modules (sources, tests).
 */
function wasmPath(name: string, packagePath: string): string {
  const beside = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(packagePath);
  } catch {
    throw new Error(`cannot load the Terraform parser: ${name} is neither at ${beside} nor in node_modules (${packagePath})`);
  }
}

/** A syntax node of the HCL grammar, as plain data. Offsets are UTF-16 indexes into the text, as JS strings use. */
export interface HclNode {
  /** The grammar's node type: `block`, `attribute`, `"{"`-like tokens by their text, `ERROR`. */
  type: string;
  start: number;
  end: number;
  children: HclNode[];
  /** A token the parser inserted to recover from an error (`missing '}'`); it has no text. */
  missing: boolean;
  /** Whether this node is, or contains, an ERROR or MISSING node. */
  damaged: boolean;
}

/** Where the parser gave up: an ERROR node, or a MISSING token with the nodes enclosing it. */
export interface HclErrorNode {
  node: HclNode;
  /** The enclosing nodes, innermost last (a missing `}` names the block it should close). */
  ancestors: HclNode[];
}

export interface HclTree {
  root: HclNode;
  /** Comment nodes (`#`, `//`, `/* *\/`) wherever they are; strings and heredocs are never comments. */
  comments: HclNode[];
  /** The outermost error regions, in source order (nothing inside an ERROR node is listed again). */
  errors: HclErrorNode[];
}

/**
 * Parses HCL text into a plain tree. Throws when the parser is not initialised; callers check
 * `isTerraformParserReady()` first.
 */
export function parseHcl(text: string): HclTree {
  if (!parser) throw new Error('Terraform parser not initialised: await initTerraformParser() first');
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return plainTree(tree);
  } finally {
    tree.delete();
  }
}

/**
 * Copies the tree with one cursor walk (no recursion, so deeply nested input cannot overflow the
 * stack). Error bookkeeping is skipped entirely when the tree has no error, the common case.
 */
function plainTree(tree: Tree): HclTree {
  const cursor = tree.walk();
  const checkErrors = tree.rootNode.hasError;
  const root: HclNode = {
    type: cursor.nodeType,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children: [],
    missing: false,
    damaged: false,
  };
  const result: HclTree = { root, comments: [], errors: [] };
  const stack: HclNode[] = [root];
  let insideError = 0;
  if (checkErrors && root.type === 'ERROR') {
    root.damaged = true;
    result.errors.push({ node: root, ancestors: [] });
    insideError = 1;
  }
  try {
    if (!cursor.gotoFirstChild()) return result;
    for (;;) {
      const node: HclNode = {
        type: cursor.nodeType,
        start: cursor.startIndex,
        end: cursor.endIndex,
        children: [],
        missing: false,
        damaged: false,
      };
      stack[stack.length - 1]!.children.push(node);
      if (node.type === 'comment') result.comments.push(node);
      else if (checkErrors) {
        node.missing = cursor.nodeIsMissing;
        if (node.type === 'ERROR' || node.missing) {
          for (const enclosing of stack) enclosing.damaged = true;
          node.damaged = true;
          if (insideError === 0) result.errors.push({ node, ancestors: stack.slice(1) });
        }
      }
      if (cursor.gotoFirstChild()) {
        stack.push(node);
        if (node.type === 'ERROR') insideError++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return result;
        const done = stack.pop();
        if (done?.type === 'ERROR') insideError--;
      }
    }
  } finally {
    cursor.delete();
  }
}
