/** One response as it came off the wire, before its body is dropped: what observers (contract checks, shapes) see. */
export interface Exchange {
  method: string;
  /** The full URL as sent. */
  url: string;
  /** The server URL the run targets (may carry a base path, e.g. `https://host/sub`). */
  serverUrl?: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
