/**
 * One Classic API document, rendered two ways: Jamf's XML (lists carry a `<size>` and
 * repeat their item element) and Jamf's Classic JSON (the same lists become plain arrays).
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

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
export type Node = Scalar | List | Attributed | Fields;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

export function toXml(root: string, node: Node): string {
  return XML_DECLARATION + String(builder.build({ [root]: xmlValue(node) }));
}

export function toJson(root: string, node: Node): string {
  return JSON.stringify({ [root]: jsonValue(node) });
}

function xmlValue(node: Node): unknown {
  if (node instanceof List) {
    const items = node.items.map(xmlValue);
    if (node.sized) return { size: items.length, ...(items.length > 0 ? { [node.item]: items } : {}) };
    return items.length > 0 ? { [node.item]: items } : '';
  }
  if (node instanceof Attributed) {
    const attributes = Object.fromEntries(Object.entries(node.attributes).map(([k, v]) => [`@_${k}`, v]));
    return { '#text': String(node.value), ...attributes };
  }
  if (typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, xmlValue(value)]));
  }
  return typeof node === 'string' ? node : String(node);
}

function jsonValue(node: Node): unknown {
  if (node instanceof List) return node.items.map(jsonValue);
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
