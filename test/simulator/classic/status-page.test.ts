import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { statusPage } from '../../../src/simulator/classic/status-page.ts';

const example = new URL('../../../../shared/jamf/examples/classic-error-409.html', import.meta.url);

describe('Classic status pages', () => {
  const cases = [
    { status: 400, reason: 'Bad Request', section: '10.4.1' },
    { status: 401, reason: 'Unauthorized', section: '10.4.2' },
    { status: 403, reason: 'Forbidden', section: '10.4.4' },
    { status: 404, reason: 'Not Found', section: '10.4.5' },
    { status: 405, reason: 'Method Not Allowed', section: '10.4.6' },
    { status: 409, reason: 'Conflict', section: '10.4.10' },
    { status: 415, reason: 'Unsupported Media Type', section: '10.4.16' },
    { status: 500, reason: 'Internal Server Error', section: '10.5.1' },
    { status: 503, reason: 'Service Unavailable', section: '10.5.4' },
  ];
  it.each(cases)('$status has its reason line and RFC section', ({ status, reason, section }) => {
    const page = statusPage(status);
    expect(page.status).toBe(status);
    expect(page.headers['content-type']).toBe('text/html;charset=UTF-8');
    expect(String(page.body)).toContain(`margin: 1em 0px;">${reason}</p>`);
    expect(String(page.body)).toContain(`rfc2616-sec10.html#sec${section}"`);
  });

  it('a reason is written as Error: … and escaped', () => {
    expect(String(statusPage(409, 'Duplicate <name>').body)).toContain('<p>Error: Duplicate &lt;name&gt;</p>');
  });

  it.skipIf(!existsSync(example))('has the line structure of Jamf 409 page', () => {
    const shape = (html: string): string[] => html.trim().split('\n').map((line) => line.replace(/>[^<]*</g, '><').replace(/"[^"]*"/g, '""'));
    expect(shape(String(statusPage(409, 'Duplicate name').body))).toEqual(shape(readFileSync(example, 'utf8')));
  });
});
