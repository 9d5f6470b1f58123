/**
 * Per-request work in the engine's own code that gives the same result for less. Each
 * change is measured (bench/runner.ts) and leaves behaviour as it was; like every engine
 * patch here, it applies only to the exact code it was written for.
 *
 * - Every postman-collection object (a request, its URL, each header, each variable…) looks
 *   for `_`-prefixed "meta" keys in its definition with a lodash chain (`pickBy` then
 *   `mapKeys`) that builds three wrappers and two objects: about a third of the cost of
 *   building a request. A plain loop over the same keys (own and inherited, as lodash reads
 *   them) now builds the same object — every `_x` key under its name without the leading
 *   underscores, `__proto__` left out as lodash leaves it; two objects of every request
 *   (built from an item or a scope object) inherit `_postman_propertyRequiresId`, so the
 *   chain did run for them. The script sandbox's bundle holds its own postman-collection,
 *   changed the same way as the worker reads it (sandbox-boot.ts).
 * - postman-collection asks lodash `_.has(object, 'key')` and `_.get(object, 'key')` some
 *   hundreds of times per request (every header, variable and URL part it builds). lodash
 *   reads any key as a path: an array for it, a regular expression, a dozen calls. Its files
 *   now get a lodash whose `has` and `get` answer a plain key (letters, digits, `_`) directly
 *   and give anything else to lodash's own; every other function is lodash's own, and lodash
 *   itself is not changed (the copy everyone else in the process shares stays as it is).
 *   `has` falls back to lodash for any object with a length (arrays, arguments, strings:
 *   lodash's index rule), so the answers are lodash's for every input.
 * - The engine takes a dozen random UUIDs per request (cursors, executions, requests) from
 *   uuid 8's `v4()`, which copies them out of a 256-byte pool it refills from the system
 *   every 16 UUIDs and formats them byte by byte. Called without arguments, as the engine
 *   always calls it, `v4()` now returns Node's `crypto.randomUUID()`: the same format (a
 *   random RFC 4122 version 4 UUID, lower case), from the same source, without the copying.
 * - Before every request the engine copied the item, then built a second copy from the first
 *   with the variables resolved; the first copy was never used. It now resolves from the item
 *   itself (the same JSON, so the same copy); an item with nothing to resolve is copied as before.
 * - postman-request hands Node's `http.request` a copy of every field of its request object
 *   (~60: its own state, listeners, cookie jar, callbacks…), which Node copies three times
 *   more on the way to a socket (the request, its agent, each new connection). It now hands
 *   over the same copy without the fields that are postman-request's own bookkeeping, which
 *   Node's http, https, net and tls never read (NOT_FOR_NODE); everything else — method,
 *   headers, host, port, path, agent, TLS settings (`ca`, `cert`, `key`, `pfx`, `passphrase`,
 *   `rejectUnauthorized`…), `lookup`, fields a newer version adds — passes as before.
 *   Requests through its HTTP/2 modules get the whole copy, as before.
 * - The cookie jar is asked for a URL's cookies twice per request (postman-request before
 *   sending, the engine when the answer starts): each time it parses the URL, canonicalises
 *   the host, lists the domain's permutations and looks each up. A jar whose memory store
 *   never held a cookie now answers "none" once the arguments are checked — what the lookup
 *   finds. A server that sets no cookie (on-premises servers, the simulator) never fills it;
 *   Jamf Cloud's affinity cookie does, and from then on every lookup goes the whole way.
 * - The sandbox sends every `pm.test` result across the thread boundary twice, once under
 *   the execution's own event name and once under the run-wide one. The worker now sends it
 *   once, marked, and the main thread emits both events from it, in the same order
 *   (sandbox-host.ts). A worker without the change sends no mark and is heard as before.
 */
import type { Patch } from './patch.ts';

/**
 * What `_(src).pickBy(propertyIsMeta).mapKeys(propertyUnprefixMeta).value()` gives: every
 * key lodash reads (`for…in`: own and inherited, enumerable; symbols never start with `_`)
 * that starts with `_` and is not `_` alone, under its name without the leading underscores
 * (`_.trimStart(key, '_')`), in the same order; `__proto__` is dropped, as lodash's `baseSet` drops it.
 */
export const META_OF = "function (src) { var meta = {}, key, i; for (key in src) { if (key.charCodeAt(0) !== 95 || key === '_' || key === '__proto__') { continue; } for (i = 1; i < key.length && key.charCodeAt(i) === 95; i++) {} meta[key.slice(i)] = src[key]; } return meta; }";

/**
 * What `PropertyBase#toJSON`'s `_.reduce(this, …, {})` walks, as a plain loop: lodash reads an
 * object that is neither array-like (a numeric `length`) nor a prototype by `Object.keys`, so
 * `TO_JSON(self, _)` visits the same keys in the same order and builds the same object (the
 * reducer's own steps, unchanged; `_` is postman-collection's lodash). Any other object is
 * left to lodash (`undefined` is returned and the caller goes on as before).
 */
export const TO_JSON = `function (self, _) {
      var Ctor = self && self.constructor, accumulator = {}, keys, key, value, i;
      if (self == null || typeof self.length === 'number' || self === ((typeof Ctor === 'function' && Ctor.prototype) || Object.prototype)) { return undefined; }
      keys = Object.keys(self);
      for (i = 0; i < keys.length; i++) {
        key = keys[i];
        value = self[key];
        if (value === undefined) { continue; }
        if (value && value._postman_propertyIsList && !value._postman_proprtyIsSerialisedAsPlural && _.endsWith(key, 's')) {
          key = key.slice(0, -1);
        }
        if (value && _.isFunction(value.toJSON)) { accumulator[key] = value.toJSON(); continue; }
        if (_.isString(value)) { accumulator[key] = value; continue; }
        accumulator[key] = _.cloneElement(value);
      }
      return accumulator;
    }`;

/**
 * What `Property.replaceSubstitutionsIn`'s `_.mergeWith({}, obj, customizer)` gives for a plain
 * object whose keys are none of `Object.prototype`'s (`__proto__`, `constructor`, `toString`…,
 * where lodash's merge has rules of its own): every value walked as the customizer walks it
 * (strings substituted, objects and arrays changed in place, everything else as it is), each
 * under its key of a new object, in `for…in` order. A string without `{{` is what substituting
 * it gives (the variables pattern needs `{{`), so it is not parsed. Plain objects and arrays
 * without holes or extra keys are walked by index or `Object.keys` (what `_.forOwn` reads for
 * them); anything else (functions, buffers, class instances…) by `_.forOwn` itself. `REPLACE_IN(obj, variables, property, _)` returns
 * `undefined` for any other object, which the caller gives to lodash as before.
 */
export const REPLACE_IN = `function (obj, variables, property, _) {
      var result = {}, key;
      if (!obj || Object.getPrototypeOf(obj) !== Object.prototype) { return undefined; }
      for (key in obj) { if (key in Object.prototype) { return undefined; } }
      function walk(value) {
        var keys, i;
        if (typeof value === 'string') {
          return value.indexOf('{{') === -1 ? value : property.replaceSubstitutions(value, variables);
        }
        if (value === null || (typeof value !== 'object' && typeof value !== 'function')) { return value; }
        if (Array.isArray(value)) {
          if (Object.keys(value).length === value.length) {
            for (i = 0; i < value.length; i++) { value[i] = walk(value[i]); }
            return value;
          }
        }
        else if (Object.getPrototypeOf(value) === Object.prototype) {
          keys = Object.keys(value);
          for (i = 0; i < keys.length; i++) { value[keys[i]] = walk(value[keys[i]]); }
          return value;
        }
        if (_.isString(value)) { return property.replaceSubstitutions(value, variables); }
        _.forOwn(value, function (item, itemKey) { value[itemKey] = walk(item); });
        return value;
      }
      for (key in obj) { result[key] = walk(obj[key]); }
      return result;
    }`;

/**
 * postman-collection's lodash (util.js exports it to all its files): a function that is
 * lodash when called (`_(value)` chains) and inherits every lodash function, with its own
 * `has` and `get` for plain keys. Written as lodash's `has`/`get` decide: a key matching
 * lodash's plain-property pattern is one path step; `has` is then own-property, or, when
 * not own, lodash's index rule for objects with a length (left to lodash).
 */
const SCOPED_LODASH = `(function (lodash) {
      var plain = /^\\w*$/, own = Object.prototype.hasOwnProperty, has = lodash.has, get = lodash.get;
      function scoped() { return lodash.apply(this, arguments); }
      Object.setPrototypeOf(scoped, lodash);
      scoped.has = function (object, path) {
        if (object != null && typeof path === 'string' && plain.test(path)) {
          if (own.call(object, path)) { return true; }
          if (!object.length) { return false; }
        }
        return has(object, path);
      };
      scoped.get = function (object, path, defaultValue) {
        if (typeof path !== 'string' || !plain.test(path)) { return get(object, path, defaultValue); }
        var value = object == null ? undefined : object[path];
        return value === undefined ? defaultValue : value;
      };
      return scoped;
    }(_))`;

/**
 * tough-cookie's `getPublicSuffix` (a pure function of the domain and two flags), answered
 * from the last 1,000 domains asked; anything it throws is thrown again, never remembered.
 */
const PUBLIC_SUFFIXES = `const jcSuffixes = new Map();
function getPublicSuffix(domain, options = {}) {
  if (typeof domain !== 'string') return jcGetPublicSuffix(domain, options);
  const key = (options.allowSpecialUseDomain ? '1' : '0') + (options.ignoreError ? '1' : '0') + domain;
  if (jcSuffixes.has(key)) return jcSuffixes.get(key);
  const suffix = jcGetPublicSuffix(domain, options);
  if (jcSuffixes.size >= 1000) jcSuffixes.clear();
  jcSuffixes.set(key, suffix);
  return suffix;
}`;

/**
 * `key` of each of `objects` as `new Ctor(raw)`, one object built when first read (then the
 * same on every read, from any of them); setting it on one replaces it there with the value set.
 */
export const LAZY_COPY = `function (Ctor, raw, objects, key) {
      var built;
      function get() { return built || (built = new Ctor(raw)); }
      objects.forEach(function (object) {
        Object.defineProperty(object, key, {
          configurable: true,
          enumerable: true,
          get: get,
          set: function (value) { Object.defineProperty(object, key, { configurable: true, enumerable: true, writable: true, value: value }); }
        });
      });
    }`;

/**
 * Fields of a postman-request Request that are its own bookkeeping: Node's `http.request`
 * (and the agent, net and tls behind it) reads none of them — `readable` and `writable` only
 * when false, and a request stream is both. Named one by one, never by pattern, so that
 * whatever else the request carries still reaches Node.
 */
export const NOT_FOR_NODE = [
  '_events', '_eventsCount', '_maxListeners', 'readable', 'writable', 'callback', '_callback', '_debug',
  '_qs', '_auth', '_oauth', '_multipart', '_redirect', '_tunnel', '_socks', '_reqResInfo', '_jar', '_started',
  'setHeader', 'hasHeader', 'getHeader', 'removeHeader', '__isRequestRequest', 'explicitMethod', 'originalCookieHeader',
  'uri', 'href', 'proxy', 'tunnel', 'socks', 'httpModule', 'agentClass', 'agentOptions', 'agents', 'agentIdleTimeout', 'pool', 'dests',
  'gzip', 'brotli', 'time', 'verbose', 'encoding', 'statusMessageEncoding', 'strictSSL', 'followRedirect', 'followAllRedirects',
  'disableCookies', 'disableUrlEncoding', 'useQuerystring', 'maxResponseSize', 'blacklistHeaders', 'urlParser', 'protocolVersion',
] as const;

const NODE_OPTIONS = `var jcNotForNode = new Set(${JSON.stringify(NOT_FOR_NODE)})
function jcNodeOptions (self) {
  var options = {}
  var keys = Object.keys(self)
  for (var i = 0; i < keys.length; i++) {
    if (!jcNotForNode.has(keys[i])) options[keys[i]] = self[keys[i]]
  }
  return options
}`;

const TOUGH_STORE = 'const MemoryCookieStore = require("./memstore").MemoryCookieStore;';
/** Whether a memory store's index holds no domain: it never held a cookie. */
const NO_COOKIES = 'function jcNoCookies(idx) {\n  for (const domain in idx) return false;\n  return true;\n}';
const TOUGH_GET_COOKIES = `  getCookies(url, options, cb) {
    validators.validate(validators.isUrlStringOrObject(url), cb, url);

    const context = getCookieContext(url);
    if (validators.isFunction(options)) {
      cb = options;
      options = {};
    }
    validators.validate(validators.isObject(options), cb, options);
    validators.validate(validators.isFunction(cb), cb);
`;
const TOUGH_GET_COOKIES_EMPTY = `  getCookies(url, options, cb) {
    validators.validate(validators.isUrlStringOrObject(url), cb, url);

    if (validators.isFunction(options)) {
      cb = options;
      options = {};
    }
    validators.validate(validators.isObject(options), cb, options);
    validators.validate(validators.isFunction(cb), cb);
    // jamf-contract: nothing to find in a memory store that holds no cookie (what findCookies below answers).
    if (!options.sameSiteContext && this.store instanceof MemoryCookieStore && jcNoCookies(this.store.idx)) {
      return cb(null, []);
    }
    const context = getCookieContext(url);
`;

const EVENT_COMMAND = 'postman-runtime/lib/runner/extensions/event.command.js';
const ITEM_COMMAND = 'postman-runtime/lib/runner/extensions/item.command.js';

/**
 * The item command copies an item's request as the item starts (`item.request.clone()`: its
 * JSON, then a new Request, headers, URL and auth) so that it can put the request back when
 * the item ends, for what a pre-request script changed on it must not outlive the item. It is
 * changed in one place only, where the scripts' request replaces its parts: the copy is now
 * taken there, just before, and only when a script did return a request (some pre-request
 * script ran, at any level). An item without pre-request scripts keeps its request as it was,
 * as the copy would have. Applied with the item command's other changes (load-engine.ts).
 */
export const ITEM_REQUEST_COPY: Patch[] = [
  {
    file: ITEM_COMMAND,
    from: '                originalRequest = item.request.clone(),\n',
    to: '                // jamf-contract: copied below, when a pre-request script returned a request.\n                originalRequest = item.request,\n',
  },
  {
    file: ITEM_COMMAND,
    from: '                        ALLOWED_REQUEST_MUTATIONS.forEach(function (property) {\n',
    to: '                        ctxTemplate.request !== item.request && (originalRequest = item.request.clone());\n                        ALLOWED_REQUEST_MUTATIONS.forEach(function (property) {\n',
  },
];
const ITEM_CONTEXT = 'postman-runtime/lib/runner/create-item-context.js';

export const HOT_PATH = {
  // Required by every engine package: applied before the first of them loads (index.ts).
  shared: [[
    {
      file: 'uuid',
      via: ['postman-runtime'],
      beside: 'v4.js',
      from: 'function v4(options, buf, offset) {\n  options = options || {};',
      to: "var jcCrypto = require('crypto');\n\nfunction v4(options, buf, offset) {\n  if (!options && !buf) return jcCrypto.randomUUID();\n  options = options || {};",
    },
  ]],
  // After psl's start-up change (start-up.ts): compiling this file loads psl.
  'postman-request': [[
    {
      file: '@postman/tough-cookie/lib/pubsuffix-psl.js',
      via: ['postman-request'],
      from: 'function getPublicSuffix(domain, options = {}) {',
      to: `${PUBLIC_SUFFIXES}\nfunction jcGetPublicSuffix(domain, options = {}) {`,
    },
  ], [
    // The jar asked for a URL's cookies (twice per request: postman-request before sending,
    // the engine as the answer starts) while it holds none: the answer, without parsing the
    // URL and looking through the domain's permutations. Its arguments are checked first, as
    // before; a same-site context (checked further on) takes the whole way.
    { file: '@postman/tough-cookie/lib/cookie.js', via: ['postman-request'], from: TOUGH_STORE, to: `${TOUGH_STORE}\n${NO_COOKIES}` },
    { file: '@postman/tough-cookie/lib/cookie.js', via: ['postman-request'], from: TOUGH_GET_COOKIES, to: TOUGH_GET_COOKIES_EMPTY },
  ]],
  // Listed after the deferred changes (index.ts): request.js is compiled once, with all of them.
  'postman-request/request.js': [[
    { file: 'postman-request/request.js', from: 'var globalPool = {}\n', to: `var globalPool = {}\n${NODE_OPTIONS}\n` },
    {
      file: 'postman-request/request.js',
      from: '  var reqOptions = copy(self)\n',
      to: '  var reqOptions = (self.httpModule === http || self.httpModule === https) ? jcNodeOptions(self) : copy(self)\n',
    },
  ]],
  // After each script the engine turns its result back into postman-collection objects
  // (scopes, request, response) for whoever reads them: now built when first read. Compiling
  // this file loads postman-sandbox: the sandbox's own change comes first (load-engine.ts).
  'postman-runtime': [[
    // Before a request the engine copies its item (so the run may change the copy), then at
    // once builds another item from the copy's JSON with the variables resolved: the first copy
    // is never used. The request command now resolves from the item itself (the same JSON);
    // when nothing is resolved (an item without a request) the item is copied as before. First
    // in this list: the event command below requires the item-context file as it compiles.
    {
      file: ITEM_CONTEXT,
      from: 'module.exports = function (payload, defaults) {',
      to: 'module.exports = function (payload, defaults, jcResolvedNext) {',
    },
    {
      file: ITEM_CONTEXT,
      from: `    context.item = new sdk.Item(payload.item.toJSON());
    context.item.setParent(payload.item.parent());`,
      to: `    // jamf-contract: resolveVariables builds the new item (request.command.js).
    context.item = jcResolvedNext ? payload.item : new sdk.Item(payload.item.toJSON());
    jcResolvedNext || context.item.setParent(payload.item.parent());`,
    },
    {
      file: 'postman-runtime/lib/runner/extensions/request.command.js',
      from: `                context = createItemContext(payload);

            // resolve variables in item and auth
            resolveVariables(context, payload);`,
      to: `                context = createItemContext(payload, undefined, true);

            // resolve variables in item and auth
            resolveVariables(context, payload);
            // jamf-contract: nothing resolved (no request), so no new item: copied as before.
            context.item === payload.item && (context = createItemContext(payload));`,
    },
  ], [
    {
      file: EVENT_COMMAND,
      from: "var _ = require('lodash'),\n    uuid = require('uuid'),\n    async = require('async'),",
      to: `var jcLazyCopy = ${LAZY_COPY},\n    _ = require('lodash'),\n    uuid = require('uuid'),\n    async = require('async'),`,
    },
    {
      file: EVENT_COMMAND,
      from: `                            result && result.environment &&
                                (result.environment = new sdk.VariableScope(result.environment));
                            result && result.globals && (result.globals = new sdk.VariableScope(result.globals));
                            result && result.collectionVariables &&
                                (result.collectionVariables = new sdk.VariableScope(result.collectionVariables));
                            result && result.request && (result.request = new sdk.Request(result.request));`,
      to: `                            result && result.environment && jcLazyCopy(sdk.VariableScope, result.environment, [result], 'environment');
                            result && result.globals && jcLazyCopy(sdk.VariableScope, result.globals, [result], 'globals');
                            result && result.collectionVariables &&
                                jcLazyCopy(sdk.VariableScope, result.collectionVariables, [result], 'collectionVariables');
                            // payload.context's too, as the line that persisted it for the next script did: one object, built when read.
                            result && result.request && jcLazyCopy(sdk.Request, result.request, [result, payload.context], 'request');`,
    },
    {
      file: EVENT_COMMAND,
      from: `                            result && payload.context && payload.context.response &&
                                (result.response = new sdk.Response(payload.context.response));`,
      to: `                            result && payload.context && payload.context.response &&
                                jcLazyCopy(sdk.Response, payload.context.response, [result], 'response');`,
    },
    {
      file: EVENT_COMMAND,
      from: '                            result && result.request && (payload.context.request = result.request);',
      to: '                            // payload.context.request: set with result.request above.',
    },
  ]],
  'postman-collection': [[
    // util.js first: every other file of postman-collection requires it as it compiles.
    { file: 'postman-collection/lib/util.js', from: '    lodash: _,', to: `    lodash: jcLodash,` },
    { file: 'postman-collection/lib/util.js', from: '    util,\n', to: `    util,\n    jcLodash = ${SCOPED_LODASH},\n` },
    { file: 'postman-collection/lib/util.js', from: 'return _.has(obj, name) ? (new Prop(obj[name])) : fallback;', to: 'return jcLodash.has(obj, name) ? (new Prop(obj[name])) : fallback;' },
    { file: 'postman-collection/lib/util.js', from: 'if (_.has(source, key) && !_.isUndefined(source[key])) {', to: 'if (jcLodash.has(source, key) && !_.isUndefined(source[key])) {' },
    { file: 'postman-collection/lib/util.js', from: 'return _.has(obj, prop) ? obj[prop] : def;', to: 'return jcLodash.has(obj, prop) ? obj[prop] : def;' },
  ], [
    {
      file: 'postman-collection/lib/collection/property-base.js',
      from: '        meta = _(src).pickBy(PropertyBase.propertyIsMeta).mapKeys(PropertyBase.propertyUnprefixMeta).value();',
      to: `        meta = (${META_OF})(src);`,
    },
  ], [
    {
      file: 'postman-collection/lib/collection/property-base.js',
      from: '    toJSON () {\n        return _.reduce(this, function (accumulator, value, key) {',
      to: `    toJSON () {\n        var jcJSON = jcToJSON(this, _);\n        if (jcJSON !== undefined) { return jcJSON; }\n        return _.reduce(this, function (accumulator, value, key) {`,
    },
    {
      file: 'postman-collection/lib/collection/property-base.js',
      from: 'var _ = require(\'../util\').lodash,',
      to: `var jcToJSON = ${TO_JSON},\n    _ = require('../util').lodash,`,
    },
  ]],
  // After the deferred changes (index.ts): compiling property.js loads the dynamic variables,
  // whose Faker is loaded only when used (defer.ts).
  'postman-collection/property.js': [[
    {
      file: 'postman-collection/lib/collection/property.js',
      from: '        return _.mergeWith({}, obj, customizer);',
      to: `        var jcResult = jcReplaceIn(obj, variables, this, _);\n        return jcResult !== undefined ? jcResult : _.mergeWith({}, obj, customizer);`,
    },
    {
      file: 'postman-collection/lib/collection/property.js',
      from: 'var _ = require(\'../util\').lodash,',
      to: `var jcReplaceIn = ${REPLACE_IN},\n    _ = require('../util').lodash,`,
    },
  ]],
} satisfies Record<string, Patch[][]>;

/** The last argument of an execution's assertion event that stands for both events. */
export const BOTH_ASSERTION_EVENTS = 'jamf-contract:both-assertion-events';

/** The changes in the sandbox's bundle (minified: its names are the bundler's). */
export const BUNDLE_HOT_PATH: Array<{ from: string; to: string }> = [
  {
    from: 'r=a(n).pickBy(e.propertyIsMeta).mapKeys(e.propertyUnprefixMeta).value();',
    to: `r=(${META_OF})(n);`,
  },
  {
    from: 't.dispatch(N,o.cursor,e),t.dispatch("execution.assertion",o.cursor,e)',
    to: `t.dispatch(N,o.cursor,e,${JSON.stringify(BOTH_ASSERTION_EVENTS)})`,
  },
];
