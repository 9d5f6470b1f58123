/**
 * One Classic API document, rendered two ways: Jamf's XML (lists carry a `<size>` and
 * repeat their item element) and Jamf's Classic JSON (the same lists become plain arrays).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type Scalar = string | number | boolean;

/** A repeated element: `<computers><size>2</size><computer>…</computer>…</computers>`. */
export class List {
  constructor(
    readonly item: string,
    readonly items: readonly Node[],
    /** Jamf omits `<size>` on a few lists (accounts' users, mobile device extension attributes). */
    readonly sized = true,
  ) {}
}

/** An element repeated in place, without a wrapper: `<report>…</report><report>…</report>`; JSON gives an array. */
export class Repeat {
  constructor(readonly items: readonly Node[]) {}
}

/** A value with XML attributes, e.g. `<modelDisplay deprecated="9.4">`; JSON keeps only the value. */
export class Attributed {
  constructor(
    readonly value: Scalar,
    readonly attributes: Readonly<Record<string, string>>,
  ) {}
}

export interface Fields {
  readonly [key: string]: Node;
}
export type Node = Scalar | List | Repeat | Attributed | Fields;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/**
 * Written by hand rather than with fast-xml-parser's XMLBuilder: the trees are plain
 * (elements, text, a few attributes) and this is about 4x faster on detail documents,
 * the simulator's hottest Classic path. Output matches XMLBuilder's with
 * `suppressEmptyNode` (empty text and empty containers become `<tag/>`).
 */
export function toXml(root: string, node: Node): string {
  return XML_DECLARATION + element(root, node);
}

export function toJson(root: string, node: Node): string {
  return JSON.stringify({ [root]: jsonValue(node) });
}

function element(name: string, node: Node): string {
  if (node instanceof Repeat) {
    let out = '';
    for (const item of node.items) out += element(name, item);
    return out;
  }
  let inner: string;
  let attributes = '';
  if (node instanceof List) {
    inner = node.sized ? `<size>${node.items.length}</size>` : '';
    for (const item of node.items) inner += element(node.item, item);
  } else if (node instanceof Attributed) {
    for (const key in node.attributes) attributes += ` ${key}="${escapeXml(node.attributes[key] as string)}"`;
    inner = escapeXml(String(node.value));
  } else if (typeof node === 'object') {
    inner = '';
    for (const key in node) inner += element(key, node[key] as Node);
  } else {
    inner = typeof node === 'string' ? escapeXml(node) : String(node);
  }
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (char) => ENTITIES[char] as string) : text;
}

function jsonValue(node: Node): unknown {
  if (node instanceof List || node instanceof Repeat) return node.items.map(jsonValue);
  if (node instanceof Attributed) return node.value;
  if (typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, jsonValue(value)]));
  }
  return node;
}

export type ParsedXml = { ok: true; root: string; value: unknown } | { ok: false; reason: string };

/** Parses a request body; every leaf stays a string, as the server reads it. */
export function parseXml(text: string): ParsedXml {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, reason: `${valid.err.msg} (line ${valid.err.line})` };
  const parsed = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(parsed).filter((key) => !key.startsWith('?'));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) return { ok: false, reason: 'expected exactly one root element' };
  return { ok: true, root, value: parsed[root] };
}
