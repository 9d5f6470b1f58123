/** Classic answers: a document in XML or JSON, `<root><id>N</id></root>` after writes, XML request bodies. */
import type { SimRequest, SimResponse } from '../http.ts';
import { type Node, parseXml, toJson, toXml } from './document.ts';
import type { Data } from './read.ts';
import { statusPage } from './status-page.ts';

export const XML_TYPE = 'text/xml;charset=UTF-8';
export const JSON_TYPE = 'application/json;charset=UTF-8';

export function document(req: SimRequest, root: string, body: Node, status = 200): SimResponse {
  if (wantsJson(req)) return { status, headers: { 'content-type': JSON_TYPE }, body: toJson(root, body) };
  return { status, headers: { 'content-type': XML_TYPE }, body: toXml(root, body) };
}

/** What Jamf answers to a write: the object's id under the item element, always XML. */
export function idAnswer(status: number, root: string, id: number | string): SimResponse {
  return { status, headers: { 'content-type': XML_TYPE }, body: toXml(root, { id }) };
}

/** JSON only when the client ranks application/json above XML. */
export function wantsJson(req: SimRequest): boolean {
  const accept = String(req.headers.accept ?? '');
  if (!accept.includes('json')) return false;
  let best: { json: boolean; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const json = type === 'application/json';
    if (!json && type !== 'application/xml' && type !== 'text/xml') continue;
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (best === undefined || q > best.q) best = { json, q };
  }
  return best?.json ?? false;
}

/**
 * Jamf reads writes as XML only: JSON and other media types are refused before parsing
 * (415), and a body that is not well-formed XML is a 400, as Jamf's response-code table
 * says ("verify the syntax of the XML body").
 */
export function xmlBody(req: SimRequest): { value: Data; root: string } | SimResponse {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/xml' && type !== 'text/xml') return statusPage(415);
  const text = req.body.toString('utf8').trim();
  if (text === '') return statusPage(400);
  const parsed = parseXml(text);
  if (!parsed.ok) return statusPage(400);
  const value = parsed.value;
  return { value: value !== null && typeof value === 'object' ? (value as Data) : {}, root: parsed.root };
}
