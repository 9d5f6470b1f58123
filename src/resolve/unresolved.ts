/**
 * `{{variables}}` still in a request as it is about to be sent: nothing defined them by then,
 * in any scope (script-set, data, environment, globals, collection), and Postman left the
 * text as it is. Read from the request itself, so a variable's name is the name as written.
 */
const REF = /\{\{\s*([^{}]+?)\s*\}\}/g;

export interface RequestText {
  url: string;
  headers?: Record<string, unknown>;
  body?: string;
}

export function unresolvedIn(request: RequestText): string[] {
  const names = new Set<string>();
  const scan = (text: string): void => {
    for (const m of text.matchAll(REF)) {
      // `{{$guid}}` and friends are Postman's dynamic variables: an unknown one is the server's business.
      if (!m[1]!.startsWith('$')) names.add(m[1]!);
    }
  };
  scan(request.url);
  // Path segments carry `{{` percent-encoded (`%7B%7Bid%7D%7D`).
  if (/%7B/i.test(request.url)) scan(decodeLoosely(request.url));
  for (const value of Object.values(request.headers ?? {})) scan(String(value));
  if (request.body) scan(request.body);
  return [...names];
}

function decodeLoosely(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
