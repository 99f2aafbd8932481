/**
 * Text from a pull request (object and container names, paths, values, suppression reasons, tool messages)
 * as it may be written into what Bulwark posts. The pull request's author controls every byte of it, and
 * GitHub renders comments and summaries as Markdown with HTML, mentions, references and autolinks: written
 * raw, that text could open a suggestion block, ping a team, hide Bulwark's words behind `<!--`, forge
 * Bulwark's own fingerprint marker, or break the summary's table. Every such piece goes through one of
 * these functions, chosen by where it lands; Bulwark's own words (rule texts, counts, links it builds) do not.
 */

/**
 * An invisible character GitHub's mention, reference and autolink filters do not step over: it keeps
 * `@team` and `https://` from being recognised while reading the same.
 */
const JOINER = '\u200D';

/**
 * Control characters other than tab and line breaks, and the bidirectional controls that make text display
 * otherwise than it reads ("Trojan Source"): shown as the replacement character, so nothing is hidden.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a reader
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Line breaks as Markdown and GitHub's own readers count them. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * The ASCII punctuation that can open or close Markdown, HTML or GitHub's math anywhere on a line: code
 * spans, emphasis, link and image brackets, tags and comments, table cells, strikethrough, entities, math.
 * CommonMark lets a backslash make any of them literal, and GitHub renders the backslashed character alone.
 * `<`, `>` and `&` become entities instead, so the text holds no `<!--` at all, not even a backslashed one
 * that a plain search for Bulwark's markers would find.
 */
const INLINE_MARKUP = /[\\`*_[\]<>|~&$]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** What opens a block only at a line's start: a heading, quote, list item, or a setext underline. */
const BLOCK_MARKER = /^(\d{0,9})([#>+\-=.)])/;

/** `@name`, `@org/team`, `#123`, `owner/repo#123`, `https://…`, `www.…`, `a@b.c`: what GitHub links or notifies by. */
const LINKED_BY_GITHUB = /@|#(?=\d)|:(?=\/\/)|\bwww(?=\.)/gi;

/** Text shown as plain text (check-run annotations, which GitHub does not render): nothing invisible left in. */
export function plainText(text: string): string {
  return text.replace(HIDDEN, '\uFFFD');
}

/** One line of plain text (a check run's title): line breaks become spaces, so the text cannot start a line of its own. */
export function oneLine(text: string): string {
  return plainText(text).replace(LINE_BREAK, ' ');
}

/**
 * Text inside a Markdown paragraph, list item or table cell, or on a line of its own, rendered as exactly these
 * characters (less leading blanks): no markup, no HTML (so no `<!--` either), no mention, reference or
 * autolink, on one line.
 */
export function markdownText(text: string): string {
  return oneLine(text)
    .trimStart() // four leading spaces would make an indented code block
    .replace(LINKED_BY_GITHUB, (found) => (found === ':' ? `:${JOINER}` : `${found}${JOINER}`))
    .replace(INLINE_MARKUP, (found) => ENTITY[found] ?? `\\${found}`)
    .replace(BLOCK_MARKER, (_found, digits: string, marker: string) => `${digits}\\${marker}`);
}

/**
 * Text as a code span: shown verbatim in a monospace font, with a fence longer than any backtick run in it.
 * `inTable` escapes the pipes GitHub would otherwise take as cell borders, even inside a code span.
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  // A code span shows `<!--` as text; the joiner keeps a search for Bulwark's markers from finding it there.
  let content = oneLine(text).replace(/<!--/g, `<${JOINER}!--`);
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark drops one space at each end when both are there; padding keeps edge backticks and spaces.
  const padded = /^[` ]|[` ]$/.test(content) ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}

/**
 * A repository path as URL path segments: each segment percent-encoded, parentheses and the other characters
 * `encodeURIComponent` keeps encoded too, so a path cannot end a Markdown link's destination early.
 */
export function urlPath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
