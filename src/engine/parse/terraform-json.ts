import { parseHcl } from './hcl.js';
import type { Comment, Expr, HclBlock, HclItem, ObjectElem, TemplateExpr, TerraformSyntax } from './terraform-ast.js';
import { SyntaxReader } from './terraform-tree.js';
import { parseYaml, YMap, YScalar, YSeq, type YNode } from './yaml.js';

/**
 * `.tf.json` files, in Terraform's JSON syntax: `resource.<type>.<name>` objects (or arrays of them),
 * `data`, `module`, `variable` and `locals` likewise; a body's properties are its attributes and nested
 * blocks (which JSON cannot tell apart: both become maps and lists, which `blocks()` reads alike);
 * `"//"` properties are comments. Strings are templates: `"${...}"` is an expression, parsed with the
 * HCL parser and placed at the string.
 */

export function terraformJsonSyntax(text: string): TerraformSyntax {
  const parsed = parseYaml(text);
  const syntax: TerraformSyntax = {
    blocks: [],
    problems: parsed.errors.map((e) => ({ offset: e.offset, message: `invalid JSON: ${e.message}` })),
    comments: [],
  };
  const root = parsed.documents[0]?.root;
  if (!(root instanceof YMap)) return syntax;
  const reader = new JsonReader(text, syntax.comments);
  for (const [key, value] of entries(root)) {
    switch (key.text) {
      case 'resource':
      case 'data':
        for (const [type, byName] of nestedEntries(value)) {
          for (const [name, body] of nestedEntries(byName))
            syntax.blocks.push(...reader.blocks(key.text, [type.text, name.text], name, body));
        }
        break;
      case 'module':
      case 'variable':
        for (const [name, body] of nestedEntries(value)) syntax.blocks.push(...reader.blocks(key.text, [name.text], name, body));
        break;
      case 'locals':
        syntax.blocks.push(...reader.blocks('locals', [], key, value));
        break;
      case '//':
        reader.comment(value);
        break;
    }
  }
  return syntax;
}

function entries(map: YMap): Array<[YScalar, YNode]> {
  return map.keys.map((key, i) => [key, map.values[i]!]);
}

/** The properties of an object, or of each object of an array (JSON's way of repeating a key). */
function nestedEntries(node: YNode): Array<[YScalar, YNode]> {
  if (node instanceof YMap) return entries(node);
  if (node instanceof YSeq) return node.items.flatMap(nestedEntries);
  return [];
}

/** Marks the end of a synthetic heredoc wrapping a JSON string for the HCL parser. */
const MARKER = 'BULWARK_JSON_TEMPLATE_END';

class JsonReader {
  constructor(
    private readonly text: string,
    private readonly comments: Comment[],
  ) {}

  comment(value: YNode): void {
    if (value instanceof YScalar) this.comments.push({ start: value.start, end: value.end, text: `// ${value.text}` });
  }

  /** One block per body: a body may be an object or an array of objects. */
  blocks(type: string, labels: string[], header: YScalar, body: YNode): HclBlock[] {
    const bodies = body instanceof YSeq ? body.items : [body];
    // Variable defaults are literal values: Terraform does not read templates in them.
    const templates = type !== 'variable';
    return bodies
      .filter((b): b is YMap => b instanceof YMap)
      .map((map) => ({
        kind: 'block',
        type,
        labels,
        start: header.start,
        typeEnd: header.end,
        end: map.end,
        items: this.items(map, templates),
      }));
  }

  private items(body: YMap, templates: boolean): HclItem[] {
    const items: HclItem[] = [];
    for (const [key, value] of entries(body)) {
      if (key.text === '//') this.comment(value);
      else if (key.text === 'dynamic' && templates) {
        for (const [label] of nestedEntries(value)) items.push({ kind: 'dynamic', label: label.text, start: label.start, end: label.end });
      } else
        items.push({ kind: 'attribute', name: key.text, start: key.start, nameEnd: key.end, value: this.expression(value, templates) });
    }
    return items;
  }

  private expression(node: YNode, templates: boolean): Expr {
    if (node instanceof YSeq)
      return { kind: 'tuple', start: node.start, end: node.end, items: node.items.map((item) => this.expression(item, templates)) };
    if (node instanceof YMap) {
      const elems: ObjectElem[] = [];
      for (const [key, value] of entries(node)) {
        if (templates && key.text === 'dynamic' && looksLikeDynamicBlocks(value)) {
          for (const [label] of nestedEntries(value))
            elems.push({ key: this.literalString(label), keyIsName: true, value: this.opaque(label), dynamic: true });
        } else elems.push({ key: this.literalString(key), keyIsName: true, value: this.expression(value, templates) });
      }
      return { kind: 'object', start: node.start, end: node.end, elems };
    }
    if (typeof node.value !== 'string') return { kind: 'literal', start: node.start, end: node.end, value: node.value, text: node.text };
    if (templates && /[$%]\{/.test(node.text)) return this.template(node) ?? this.opaque(node);
    return this.literalString(node);
  }

  /**
   * A JSON string holding `${...}` or `%{...}`: parsed as the content of an HCL heredoc, whose template
   * rules match a JSON string's once the JSON escapes are decoded. A JSON string is on one line, so every
   * part is placed at the string.
   */
  private template(node: YScalar): TemplateExpr | undefined {
    if (node.text.split('\n').some((line) => line.trim() === MARKER)) return undefined;
    const source = `x = <<${MARKER}\n${node.text}\n${MARKER}\n`;
    const tree = parseHcl(source);
    if (tree.errors.length > 0) return undefined;
    const attribute = tree.root.children.find((c) => c.type === 'body')?.children.find((c) => c.type === 'attribute');
    const expression = attribute?.children.find((c) => c.type === 'expression');
    if (!expression) return undefined;
    const value = new SyntaxReader(source, { start: node.start, end: node.end }).expression(expression, 0);
    if (value.kind !== 'template') return undefined;
    dropFinalLineBreak(value);
    return value;
  }

  private literalString(node: YScalar): TemplateExpr {
    return {
      kind: 'template',
      start: node.start,
      end: node.end,
      heredoc: false,
      parts: [{ kind: 'text', pieces: [{ text: node.text, at: node.start, exact: false }] }],
    };
  }

  private opaque(node: YNode): Expr {
    return { kind: 'opaque', start: node.start, end: node.end, text: this.text.slice(node.start, node.end) };
  }
}

/** `"dynamic": {"ingress": {"for_each": ..., "content": {...}}}` as opposed to a map that has a `dynamic` key. */
function looksLikeDynamicBlocks(node: YNode): boolean {
  const blocks = nestedEntries(node).map(([, value]) => value);
  return blocks.length > 0 && blocks.every((b) => b instanceof YMap && (b.get('content') !== undefined || b.get('for_each') !== undefined));
}

/** The heredoc that wrapped a JSON string adds a line break the string does not have. */
function dropFinalLineBreak(template: TemplateExpr): void {
  const last = template.parts[template.parts.length - 1];
  if (last?.kind !== 'text') return;
  const piece = last.pieces[last.pieces.length - 1];
  if (!piece || !piece.text.endsWith('\n')) return;
  if (piece.text.length === 1) last.pieces.pop();
  else last.pieces[last.pieces.length - 1] = { ...piece, text: piece.text.slice(0, -1) };
  if (last.pieces.length === 0) template.parts.pop();
}
