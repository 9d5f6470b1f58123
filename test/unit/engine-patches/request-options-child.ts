/**
 * Run in its own process by request-options.test.ts: postman-request, with the engine's
 * changes, sends requests over HTTP and mutual TLS on loopback; what reached Node's
 * `http.request`/`https.request` and what the servers saw. Prints one JSON line.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { NOT_FOR_NODE, prepareEngine } from '../../../src/engine-patches/index.ts';

const require = createRequire(import.meta.url);
const applied = prepareEngine('postman-request');

type Sent = { uri: string; [key: string]: unknown };
type Req = Record<string, unknown>;
/** The request being sent, and for each call to Node's request functions: the options, and the request's own fields then. */
let current: Req | undefined;
const seen: Array<{ options: Req; fields: Req }> = [];
for (const mod of [http, https]) {
  const original = mod.request;
  (mod as { request: unknown }).request = function (this: unknown, options: Req, ...rest: unknown[]) {
    seen.push({ options, fields: { ...current } });
    return (original as (...args: unknown[]) => unknown).call(this, options, ...rest);
  };
}
const request = require('postman-request') as (options: Sent, done: (error: Error | null, response?: { statusCode: number; body: string }) => void) => Req;

const pem = async (cn: string) =>
  generate([{ name: 'commonName', value: cn }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  } as Parameters<typeof generate>[1]);
const serverPems = await pem('127.0.0.1');
const clientPems = await pem('jamf-contract test client');

const plain = http.createServer((req, res) => res.end(`${req.method} ${req.url} ${req.headers['x-probe'] ?? ''} ${req.headers.authorization ?? ''}`));
// Mutual TLS: the server asks for a client certificate and accepts only the test client's.
const mutual = https.createServer({ key: serverPems.private, cert: serverPems.cert, ca: clientPems.cert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
  const socket = req.socket as TLSSocket;
  res.end(`${socket.authorized} ${socket.getPeerCertificate().subject?.CN ?? ''}`);
});
const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const [httpPort, tlsPort] = [await listen(plain), await listen(mutual)];

interface Outcome { status?: number; body?: string; error?: string; kept: string[]; missing: string[]; bookkeeping: string[]; keys: number }
/** One request: its answer, and how the options Node got compare with the request's own fields. */
function send(options: Sent): Promise<Outcome> {
  return new Promise((resolve) => {
    const before = seen.length;
    current = request(options, (error, response) => {
      const { options: given, fields } = seen[before] ?? { options: {}, fields: {} };
      // Every field the request had as it was sent that is not bookkeeping reached Node, with
      // its value (postman-request takes out \`timeout\`: it keeps time itself).
      const own = Object.keys(fields).filter((key) => !(NOT_FOR_NODE as readonly string[]).includes(key) && key !== 'timeout');
      resolve({
        ...(error ? { error: error.message } : { status: response!.statusCode, body: response!.body }),
        kept: own.filter((key) => key in given && given[key] === fields[key]),
        missing: own.filter((key) => !(key in given)),
        bookkeeping: Object.keys(given).filter((key) => (NOT_FOR_NODE as readonly string[]).includes(key)),
        keys: Object.keys(given).length,
      });
    });
  });
}

const base = { disableUrlEncoding: true, forever: true, timeout: 5000 };
const result = {
  applied,
  plain: await send({ ...base, uri: `http://127.0.0.1:${httpPort}/a/b?c=1`, headers: { 'x-probe': 'p1' } }),
  // As Postman's engine sends it (no URL re-parse) and as a plain caller does (re-parsed, its auth from the URL).
  userInfo: await send({ uri: `http://user:secret@127.0.0.1:${httpPort}/u` }),
  mutual: await send({ ...base, uri: `https://127.0.0.1:${tlsPort}/m`, ca: serverPems.cert, cert: clientPems.cert, key: clientPems.private }),
  noClientCert: await send({ ...base, uri: `https://127.0.0.1:${tlsPort}/m`, ca: serverPems.cert }),
  untrusted: await send({ ...base, uri: `https://127.0.0.1:${tlsPort}/m`, cert: clientPems.cert, key: clientPems.private }),
  insecure: await send({ ...base, uri: `https://127.0.0.1:${tlsPort}/m`, strictSSL: false, cert: clientPems.cert, key: clientPems.private }),
};
plain.close();
mutual.close();
plain.closeAllConnections();
mutual.closeAllConnections();
console.log(JSON.stringify(result));
