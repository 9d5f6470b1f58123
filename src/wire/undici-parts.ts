/**
 * The parts of undici the tool's own HTTP client uses (http.ts): an Agent, its connector
 * builder and `request`. undici's index loads everything it has (fetch, WebSocket, caches,
 * mocks, proxies: 110 files, about 0.1 s on the machines we measure, on the way to a run's
 * first request); these three are 31 files (~0.045 s). Loaded from undici's own files the
 * first time a call goes out; if undici's layout ever differs, the whole package is loaded
 * as before.
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher };

export interface UndiciParts {
  Agent: typeof Undici.Agent;
  buildConnector: typeof Undici.buildConnector;
  /** undici's `request(url, options)`; `options.dispatcher` is required here (no global one). */
  request(url: string, options: RequestOptions): Promise<Undici.Dispatcher.ResponseData>;
}

let parts: UndiciParts | undefined;

export function undiciParts(): UndiciParts {
  return (parts ??= fromFiles() ?? fromIndex());
}

/** Exposed for the test that holds the two ways to the same answers. */
export function fromFiles(): UndiciParts | undefined {
  let Agent: typeof Undici.Agent;
  let buildConnector: typeof Undici.buildConnector;
  let apiRequest: (this: Undici.Dispatcher, options: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;
  try {
    Agent = require('undici/lib/dispatcher/agent.js') as typeof Undici.Agent;
    buildConnector = require('undici/lib/core/connect.js') as typeof Undici.buildConnector;
    apiRequest = (require('undici/lib/api/index.js') as { request: typeof apiRequest }).request;
  } catch {
    return undefined;
  }
  if (typeof Agent !== 'function' || typeof buildConnector !== 'function' || typeof apiRequest !== 'function') return undefined;
  return {
    Agent,
    buildConnector,
    // What undici's top-level `request` does with a URL before calling the dispatcher's.
    request(url, { dispatcher, ...options }) {
      const target = new URL(url);
      return apiRequest.call(dispatcher, {
        ...options,
        origin: target.origin,
        path: target.search ? `${target.pathname}${target.search}` : target.pathname,
        method: options.method ?? (options.body ? 'PUT' : 'GET'),
      });
    },
  };
}

export function fromIndex(): UndiciParts {
  const undici = require('undici') as typeof Undici;
  return {
    Agent: undici.Agent,
    buildConnector: undici.buildConnector,
    request: (url, options) => undici.request(url, options),
  };
}
