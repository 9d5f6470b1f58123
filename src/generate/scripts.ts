/**
 * The test script of a generated request, written for a reviewer: the documented status,
 * the content type, and — for a list that detail requests chain from — the line that
 * publishes the first item's id. The deep checks (body against the schema, headers,
 * deprecation) are the runner's contract checks, not these scripts.
 */
import type { PlannedRequest } from './types.ts';

/** A single-quoted JavaScript string, as the rest of the script is written. */
const q = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function testScript(request: PlannedRequest): string[] {
  const name = request.operation;
  const statuses = request.statuses;
  const lines: string[] = [];
  if (statuses.length === 1) {
    lines.push(`pm.test(${q(`${name} answers ${statuses[0]}`)}, function () {`, `    pm.response.to.have.status(${statuses[0]});`, '});');
  } else {
    lines.push(`pm.test(${q(`${name} answers ${statuses.join(' or ')}`)}, function () {`, `    pm.expect(pm.response.code).to.be.oneOf([${statuses.join(', ')}]);`, '});');
  }
  if (request.media) lines.push(...contentTypeTest(name, request.media, statuses.includes(204)));
  for (const set of request.sets) lines.push(...publishLines(set));
  return lines;
}

/**
 * The pre-request guard of a request that reads `{{variables}}` (a chained id, a value to
 * give): not sent while one is unset (an empty list, no --var). jamf-contract would skip it
 * anyway; the guard makes newman and the Postman app, which send the `{{placeholder}}` as
 * text, skip it too. None for requests without variables (no sandbox round trip).
 */
export function guardScript(request: PlannedRequest): string[] {
  const names = [...new Set([...request.segments, ...request.query.map((p) => p.value)].flatMap((text) => [...text.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1]!)))];
  if (names.length === 0) return [];
  return [
    '// Not sent without its values (newman and Postman would send the {{placeholder}} as text).',
    `var unset = [${names.map(q).join(', ')}].filter(function (name) { return !pm.variables.has(name); });`,
    "if (unset.length > 0) {",
    "    console.info('Not sent: no value for ' + unset.join(', ') + ' (jamf-contract run --var name=value)');",
    '    pm.execution.skipRequest();',
    '}',
  ];
}

function contentTypeTest(name: string, media: string, mayBeEmpty: boolean): string[] {
  const wildcard = /^([^/]+)\/\*$/.exec(media);
  const check = wildcard
    ? `    pm.expect(pm.response.headers.get('Content-Type') || '').to.match(/^${wildcard[1]!.replace(/[^\w-]/g, '')}\\//);`
    : `    pm.expect(pm.response.headers.get('Content-Type') || '').to.include(${q(media)});`;
  const test = [`pm.test(${q(`${name} answers ${media === 'xml' ? 'XML' : media}`)}, function () {`, check, '});'];
  // A documented 204 has no body, hence no content type.
  return mayBeEmpty ? ['if (pm.response.code !== 204) {', ...test.map((l) => `    ${l}`), '}'] : test;
}

function publishLines(set: PlannedRequest['sets'][number]): string[] {
  const variable = q(set.variable);
  if (set.from === 'xml') {
    return [
      `// The first <${set.property}> of the list: detail requests read it from {{${set.variable}}}.`,
      'if (pm.response.code === 200) {',
      `    var id = /<${set.property}>([^<]+)<\\/${set.property}>/.exec(pm.response.text());`,
      `    if (id) pm.collectionVariables.set(${variable}, id[1]);`,
      '}',
    ];
  }
  const first = set.from === 'paged' ? '(pm.response.json().results || [])[0]' : 'pm.response.json()[0]';
  const property = /^[A-Za-z_$][\w$]*$/.test(set.property) ? `.${set.property}` : `[${q(set.property)}]`;
  return [
    `// The first item's ${set.property}: detail requests read it from {{${set.variable}}}.`,
    'if (pm.response.code === 200) {',
    `    var first = ${first};`,
    `    if (first && first${property} != null) pm.collectionVariables.set(${variable}, String(first${property}));`,
    '}',
  ];
}
