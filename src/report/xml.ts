/**
 * Hand-written XML escaping for the JUnit writer. Chosen over fast-xml-parser's XMLBuilder
 * because a JUnit file needs exactly two escapes (text and attribute) plus stripping the
 * characters XML 1.0 forbids, which the builder does not do; with the escaping in ten
 * lines, the writer can emit each testcase as one small string as results arrive instead
 * of keeping an object tree, and nothing depends on the builder's option semantics.
 * The tests parse every output back with fast-xml-parser.
 */

/** Everything outside XML 1.0's Char production, including lone surrogates. */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegal(text: string): string {
  return text.replace(ILLEGAL, '');
}

export function escapeText(text: string): string {
  return stripIllegal(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their tabs and newlines (a parser would fold them to spaces). */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function attrs(values: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${key}="${escapeAttr(String(value))}"`;
  }
  return out;
}
