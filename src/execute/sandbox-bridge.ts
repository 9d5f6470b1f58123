/**
 * The sandbox's messages as plain JSON. Every script execution crosses the thread boundary
 * twice (its context out, its result and assertions back), and postman-sandbox's bridge
 * (uvm) writes each message with Flatted, a JSON that keeps shared and circular references:
 * some 20 times slower than JSON for the same ~4 KB, on both threads, for messages that
 * hold neither. Patched (patch.ts) on both sides of the bridge together: a message goes as
 * JSON, marked with a leading `~`, and as Flatted when JSON cannot carry it (a circular
 * value); what is read is decoded by its mark, so either form is understood.
 */
import { createRequire } from 'node:module';
import type { Patch } from '../engine-patches/index.ts';

/** Inside the worker (uvm's bridge client, a template of code): JSON's functions are kept before any script runs. */
const CLIENT_CODECS = `    // jamf-contract: JSON when it can carry the message, Flatted otherwise (marked by a leading "~").
    const jsonStringify = JSON.stringify, jsonParse = JSON.parse;
    const toText = function (args) { try { return '~' + jsonStringify(args); } catch (e) { return Flatted.stringify(args); } };
    const fromText = function (text) { return text.charCodeAt(0) === 126 ? jsonParse(text.slice(1)) : Flatted.parse(text); };

    /*! (C) Postdot Technologies, Inc (Apache-2.0) */`;

export const BRIDGE_PATCHES: Patch[] = [
  {
    file: 'uvm/lib/bridge-client.js',
    from: '    /*! (C) Postdot Technologies, Inc (Apache-2.0) */',
    to: CLIENT_CODECS,
  },
  {
    file: 'uvm/lib/bridge-client.js',
    from: '            emit(Flatted.stringify(args));',
    to: '            emit(toText(args));',
  },
  {
    file: 'uvm/lib/bridge-client.js',
    from: '            bridgeEmit.apply(bridge, Flatted.parse(args));',
    to: '            bridgeEmit.apply(bridge, fromText(args));',
  },
  {
    file: 'uvm/lib/bridge.js',
    from: '            try { bridge.emit(...Flatted.parse(__emit_uvm)); }',
    to: '            try { bridge.emit(...(__emit_uvm.charCodeAt(0) === 126 ? JSON.parse(__emit_uvm.slice(1)) : Flatted.parse(__emit_uvm))); }',
  },
  {
    file: 'uvm/lib/bridge.js',
    from: '                __emit_uvm: Flatted.stringify(Array.prototype.slice.call(arguments)),',
    to: '                __emit_uvm: (function (args) { try { return \'~\' + JSON.stringify(args); } catch (e) { return Flatted.stringify(args); } }(Array.prototype.slice.call(arguments))),',
  },
];

/** Where postman-sandbox finds uvm (the bridge files are resolved from there). */
export function sandboxRequireBase(): string {
  return createRequire(import.meta.url).resolve('postman-sandbox');
}
