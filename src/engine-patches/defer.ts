/**
 * Libraries the Postman engine loads at start-up and most runs never call: Faker (only for
 * `{{$random…}}` variables), semver (only for a collection that states its version), jose
 * and node-forge (only for the ASAP and JWT auth types), Handlebars (only for
 * `pm.visualizer`), HTTP signatures, SOCKS proxies, stream lengths and qs (only when a request
 * asks for them), the script sandbox's bundle (its worker reads it).
 * Together about a quarter of a second of a run's start-up on the machines we measure. Here
 * each is loaded when first used instead: the engine's files are changed only in how they
 * require these. A file already loaded, or whose code differs (another engine version),
 * stays as shipped, so the worst case is the old start-up time. Applied by index.ts.
 */
import type { Patch } from './patch.ts';

/** An object that requires `id` the first time one of its properties is read. */
function lazy(id: string): string {
  return `(function () { var loaded; return new Proxy({}, { get: function (_, key) { return (loaded || (loaded = require(${JSON.stringify(id)})))[key]; } }); }())`;
}

/**
 * Faker's functions are referenced when postman-collection loads (`generator: faker.address.city`)
 * and called later: each reference is a stand-in that loads Faker and calls the real function
 * (on its real object) when called. Every use in that file is a call.
 */
function lazyFunctions(id: string): string {
  return `(function () { var loaded; function load() { return loaded || (loaded = require(${JSON.stringify(id)})); } function at(path) { return new Proxy(function () {}, { get: function (_, key) { return at(path.concat([key])); }, apply: function (_, self, args) { var owner = load(); for (var i = 0; i < path.length - 1; i++) owner = owner[path[i]]; return owner[path[path.length - 1]].apply(owner, args); } }); } return at([]); }())`;
}

/**
 * By the package whose files they change; within one, patches that each stand alone (one
 * file, or changes that only work together). A patched file is run as it is compiled, and
 * loads what it requires then: a file comes before the files that require it.
 */
export const DEFERRED = {
  'postman-collection': [[
    {
      file: 'postman-collection/lib/superstring/dynamic-variables.js',
      from: "var faker = require('@faker-js/faker/locale/en'),",
      to: `var faker = ${lazyFunctions('@faker-js/faker/locale/en')},`,
    },
  ],
  [
    {
      // 47 files for `semver.parse`, called only for a collection whose info carries a version.
      file: 'postman-collection/lib/collection/version.js',
      from: "    semver = require('semver'),",
      to: `    semver = ${lazy('semver')},`,
    },
  ]],
  'postman-sandbox': [[
    {
      // Its 2 MB bundle, when a worker is started the engine's way (sandbox-boot.ts reads it in the worker).
      file: 'postman-sandbox/lib/index.js',
      from: "    bootcode = require('./bootcode'),",
      to: "    bootcode = function () { return require('./bootcode').apply(this, arguments); },",
    },
  ]],
  'postman-runtime': [[
    {
      file: 'postman-runtime/lib/authorizer/asap.js',
      from: "var jose = require('jose'),",
      to: `var jose = ${lazy('jose')},`,
    },
    {
      file: 'postman-runtime/lib/authorizer/asap.js',
      from: "    nodeForge = require('node-forge'),",
      to: `    nodeForge = ${lazy('node-forge')},`,
    },
  ],
  [
    {
      file: 'postman-runtime/lib/authorizer/jwt.js',
      from: "    jose = require('jose'),",
      to: `    jose = ${lazy('jose')},`,
    },
  ]],
  // socks.js first: compiling request.js runs it, and it requires socks.js.
  'postman-request': [[
    {
      file: 'postman-request/lib/socks.js',
      from: "var { SocksProxyAgent } = require('socks-proxy-agent')",
      to: `var socksProxyAgent = ${lazy('socks-proxy-agent')}`,
    },
    {
      file: 'postman-request/lib/socks.js',
      from: 'request.agent = new SocksProxyAgent(proxyUrl)',
      to: 'request.agent = new socksProxyAgent.SocksProxyAgent(proxyUrl)',
    },
  ],
  [
    {
      // qs and the dozen files behind it (side-channel, get-intrinsic…): only for url-encoded
      // bodies (the `form` option), a `qs` option and OAuth 1.0 signing; reads and JSON don't.
      file: 'postman-request/lib/querystring.js',
      from: "var qs = require('qs')",
      to: `var qs = ${lazy('qs')}`,
    },
  ],
  [
    {
      file: 'postman-request/lib/oauth.js',
      from: "var qs = require('qs')",
      to: `var qs = ${lazy('qs')}`,
    },
  ],
  [
    {
      file: 'postman-request/request.js',
      from: "var httpSignature = require('http-signature')",
      to: `var httpSignature = ${lazy('http-signature')}`,
    },
    {
      file: 'postman-request/request.js',
      from: "var streamLength = require('stream-length')",
      to: "var streamLength = function () { return require('stream-length').apply(this, arguments) }",
    },
  ]],
} satisfies Record<string, Patch[][]>;

/**
 * Handlebars, for `pm.visualizer` only: applied with load-engine.ts's own change to the same
 * file (a file is compiled once, with all its changes).
 */
export const DEFERRED_VISUALIZER: Patch = {
  file: 'postman-runtime/lib/runner/extensions/item.command.js',
  from: "    visualizer = require('../../visualizer'),",
  to: `    visualizer = ${lazy('../../visualizer')},`,
};
