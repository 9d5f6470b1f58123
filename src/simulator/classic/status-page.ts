/**
 * Jamf's Classic API errors: the HTML "Status page" its web framework renders, with the
 * reason phrase, one line of description (`Error: …` when Jamf gives a reason) and a link
 * to the RFC 2616 section of the status code.
 */
import type { SimResponse } from '../http.ts';

interface StatusInfo {
  reason: string;
  section: string;
  description: string;
}

const statuses: Record<number, StatusInfo> = {
  400: { reason: 'Bad Request', section: '10.4.1', description: 'The request could not be understood by the server due to malformed syntax' },
  401: { reason: 'Unauthorized', section: '10.4.2', description: 'The request requires user authentication' },
  403: { reason: 'Forbidden', section: '10.4.4', description: 'The server understood the request, but is refusing to fulfill it' },
  404: { reason: 'Not Found', section: '10.4.5', description: 'The server has not found anything matching the request URI' },
  405: { reason: 'Method Not Allowed', section: '10.4.6', description: 'The method specified in the request is not allowed for the resource identified by the request URI' },
  409: { reason: 'Conflict', section: '10.4.10', description: 'The request could not be completed due to a conflict with the current state of the resource' },
  415: { reason: 'Unsupported Media Type', section: '10.4.16', description: 'The server is refusing to service the request because the entity of the request is in a format not supported by the requested resource for the requested method' },
  429: { reason: 'Too Many Requests', section: '10.4', description: 'The server has received too many requests from this client' },
  500: { reason: 'Internal Server Error', section: '10.5.1', description: 'The server encountered an unexpected condition which prevented it from fulfilling the request' },
  503: { reason: 'Service Unavailable', section: '10.5.4', description: 'The server is currently unable to handle the request due to a temporary overloading or maintenance of the server' },
};

export const HTML_CONTENT_TYPE = 'text/html;charset=UTF-8';

/** `message` becomes `<p>Error: message</p>`; without it the status's standard description is shown. */
export function statusPage(status: number, message?: string): SimResponse {
  const info = statuses[status] ?? statuses[500]!;
  const line = message === undefined ? info.description : `Error: ${escapeHtml(message)}`;
  const body = [
    '<html>',
    '<head>',
    '<title>Status page</title>',
    '</head>',
    '<body style="font-family: sans-serif;">',
    `<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">${info.reason}</p>`,
    `<p>${line}</p>`,
    `<p>You can get technical details<a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec${info.section}">here</a>.<br>`,
    'Please continue your visit at our<a href="/">home page</a>.',
    '</p>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { status, headers: { 'content-type': HTML_CONTENT_TYPE }, body };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
