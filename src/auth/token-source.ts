/** What the engine's auth hook needs from any bearer-token scheme. */
export interface TokenSource {
  readonly kind: 'client-credentials' | 'user-bearer';
  /** Token endpoint calls made so far. */
  readonly requests: number;
  token(): Promise<string>;
  invalidate(token: string): void;
  classifyRefusal(): Promise<'secret-rotated' | 'client-disabled' | 'token-rejected' | 'bad-credentials'>;
  /** Ends the session (user tokens are invalidated on the server). */
  close(): Promise<void>;
}
