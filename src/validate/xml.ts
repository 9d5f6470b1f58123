/**
 * Classic API XML into the shape Jamf's Classic JSON uses, so one schema checks both:
 * the root element is unwrapped (schemas describe its content), a list element (`size`
 * plus one repeated child, `<buildings><size>3</size><building>…`) becomes an array of its
 * children, and text stays text (the validator coerces `"1"` where the schema wants an
 * integer). Attributes are ignored, as Jamf's JSON drops them.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseClassicXml(text: string): { ok: true; value: unknown; root?: string } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const top = parsed && typeof parsed === 'object' ? Object.entries(parsed as Record<string, unknown>) : [];
  const first = top[0];
  if (!first) return { ok: false, reason: 'no root element' };
  return { ok: true, value: toJamfJson(first[1]), root: first[0] };
}

function toJamfJson(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJamfJson);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>);
  const others = entries.filter(([key]) => key !== 'size');
  const size = Number((node as Record<string, unknown>).size);
  if (entries.length !== others.length && others.length <= 1) {
    const items = others[0]?.[1];
    const list = items === undefined || items === '' ? [] : Array.isArray(items) ? items : [items];
    // `size` equal to the child count marks a list; a `size` field of an object does not.
    if (list.length === size) return list.map(toJamfJson);
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, toJamfJson(value)]));
}

/** Classic JSON wraps the body in its root name (`{"building": {...}}`); the schema describes the inside. */
export function unwrapClassicJson(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const keys = Object.keys(body);
  if (keys.length !== 1) return body;
  const inner = (body as Record<string, unknown>)[keys[0]!];
  return inner && typeof inner === 'object' ? inner : body;
}
