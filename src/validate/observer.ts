/** What a run asks of a response observer such as the contract checker. */
import type { Finding, Notice } from '../result.ts';
import type { Exchange } from '../wire/exchange.ts';

export interface ResponseObserver {
  check(exchange: Exchange & { serverUrl: string }): { operation?: string; findings: Finding[] };
  coverage?(): unknown;
  notices?(): Notice[];
}
