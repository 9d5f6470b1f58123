/**
 * Start-up work the engine's libraries do that need not be done.
 *
 * psl, the public-suffix list the cookie jar (@postman/tough-cookie) consults to tell which
 * domains may share cookies, builds its table of ~9,800 rules as it loads, passing every rule
 * through punycode's encoder: ~50 ms of every run's start-up, on the main thread before the
 * first request. Only a rule with a character outside ASCII is changed by the encoder (an
 * ASCII name is its own punycode; `@` is the one ASCII character it treats apart), so only
 * those are encoded now: the same table, built in about half the time. A psl whose code
 * differs runs as shipped.
 */
import type { Patch } from './patch.ts';

export const START_UP = {
  'postman-request': [[
    {
      file: 'psl',
      via: ['postman-request', '@postman/tough-cookie'],
      from: 'o=A.toASCII(c),t=s.charAt(0)',
      to: 'o=/[^\\0-\\x7F]|@/.test(c)?A.toASCII(c):c,t=s.charAt(0)',
    },
  ]],
} satisfies Record<string, Patch[][]>;
