import type { Patch } from './patch.ts';

/**
 * postman-collection's `PropertyBase.prototype.toJSON`, the function behind every object the
 * engine turns into JSON (each script execution's context on the main thread, its result in
 * the sandbox's worker), without lodash's iteration machinery: lodash's `reduce` over an
 * object is its own enumerable keys in `Object.keys` order, read one by one — the same here.
 * Whatever lodash would walk otherwise (an object with a numeric `length`, which lodash may
 * read as a list; a prototype) is left to the original, which runs when this returns
 * `undefined`. `_` is postman-collection's lodash: its `isFunction`, `isString` and
 * `cloneElement` decide what they decided, asked only when a plain `typeof` cannot answer.
 * A number, boolean or null is kept as it is: `cloneElement` returns such a value unchanged
 * unless it has a `toJSON` lodash calls a function, which the step before has called.
 */
export const PROPERTY_JSON = `function (self, _) {
      var C = self.constructor;
      if (typeof self.length === 'number' || ((typeof C === 'function' && C.prototype) || Object.prototype) === self) { return undefined; }
      var accumulator = {}, keys = Object.keys(self), i, key, value, toJSON;
      for (i = 0; i < keys.length; i++) {
        key = keys[i];
        value = self[key];
        if (value === undefined) { continue; }
        if (value && value._postman_propertyIsList && !value._postman_proprtyIsSerialisedAsPlural && key.endsWith('s')) { key = key.slice(0, -1); }
        if (value && typeof (toJSON = value.toJSON) === 'function' && (toJSON.constructor === Function || _.isFunction(toJSON))) { accumulator[key] = value.toJSON(); continue; }
        if (typeof value === 'string' || (typeof value === 'object' && value !== null && _.isString(value))) { accumulator[key] = value; continue; }
        if (value === null || (typeof value !== 'object' && typeof value !== 'function')) { accumulator[key] = value; continue; }
        accumulator[key] = _.cloneElement(value);
      }
      return accumulator;
    }`;

const MAIN_FROM = `    toJSON () {
        return _.reduce(this, function (accumulator, value, key) {`;
const BUNDLE_FROM = 'toJSON(){return a.reduce(this,function(e,t,n){return void 0===t?e:(t&&t._postman_propertyIsList';

/** In postman-collection's property-base.js (main thread): the helper beside its lodash, then its use. */
export const OBJECT_JSON: Patch[] = [
  {
    file: 'postman-collection/lib/collection/property-base.js',
    from: "var _ = require('../util').lodash,\n",
    to: `var _ = require('../util').lodash,\n    jcPropertyJSON = ${PROPERTY_JSON},\n`,
  },
  {
    file: 'postman-collection/lib/collection/property-base.js',
    from: MAIN_FROM,
    to: `    toJSON () {\n        var jcJSON = jcPropertyJSON(this, _);\n        if (jcJSON) { return jcJSON; }\n${MAIN_FROM.split('\n')[1]}`,
  },
];

/** The same in the sandbox's bundle (minified: `a` is postman-collection's lodash there). */
export const BUNDLE_OBJECT_JSON: Array<{ from: string; to: string }> = [
  {
    from: 'var r,a=e("../util").lodash;r=function e(t){if(t&&"string"!=typeof t){',
    to: `var r,a=e("../util").lodash,jcPropertyJSON=${PROPERTY_JSON.replace(/\n\s*/g, ' ')};r=function e(t){if(t&&"string"!=typeof t){`,
  },
  { from: BUNDLE_FROM, to: `toJSON(){var jcJSON=jcPropertyJSON(this,a);if(jcJSON)return jcJSON;${BUNDLE_FROM.slice('toJSON(){'.length)}` },
];
