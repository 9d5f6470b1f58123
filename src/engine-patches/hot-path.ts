/**
 * Per-request work in the engine's own code that gives the same result for less. Each
 * change is measured (bench/runner.ts) and leaves behaviour as it was; like every engine
 * patch here, it applies only to the exact code it was written for.
 *
 * - Every postman-collection object (a request, its URL, each header, each variable…) looks
 *   for `_`-prefixed "meta" keys in its definition with a lodash chain that builds three
 *   wrappers and two objects, although definitions almost never have one: about a third of
 *   the cost of building a request. A plain loop over the same keys (own and inherited,
 *   as lodash reads them) now decides whether the chain runs at all. The script sandbox's
 *   bundle holds its own postman-collection, changed the same way as the worker reads it
 *   (sandbox-boot.ts).
 * - The sandbox sends every `pm.test` result across the thread boundary twice, once under
 *   the execution's own event name and once under the run-wide one. The worker now sends it
 *   once, marked, and the main thread emits both events from it, in the same order
 *   (sandbox-host.ts). A worker without the change sends no mark and is heard as before.
 */
import type { Patch } from './patch.ts';

/** Whether an object has a key lodash's `pickBy(propertyIsMeta)` would keep (`_x`, not `_`). */
const HAS_META = "function (src) { for (var key in src) { if (key.charCodeAt(0) === 95 && key !== '_') { return true; } } return false; }";

export const HOT_PATH = {
  'postman-collection': [[
    {
      file: 'postman-collection/lib/collection/property-base.js',
      from: '        meta = _(src).pickBy(PropertyBase.propertyIsMeta).mapKeys(PropertyBase.propertyUnprefixMeta).value();',
      to: `        meta = (${HAS_META})(src) ? _(src).pickBy(PropertyBase.propertyIsMeta).mapKeys(PropertyBase.propertyUnprefixMeta).value() : {};`,
    },
  ]],
} satisfies Record<string, Patch[][]>;

/** The last argument of an execution's assertion event that stands for both events. */
export const BOTH_ASSERTION_EVENTS = 'jamf-contract:both-assertion-events';

/** The changes in the sandbox's bundle (minified: its names are the bundler's). */
export const BUNDLE_HOT_PATH: Array<{ from: string; to: string }> = [
  {
    from: 'r=a(n).pickBy(e.propertyIsMeta).mapKeys(e.propertyUnprefixMeta).value();',
    to: `r=(${HAS_META})(n)?a(n).pickBy(e.propertyIsMeta).mapKeys(e.propertyUnprefixMeta).value():{};`,
  },
  {
    from: 't.dispatch(N,o.cursor,e),t.dispatch("execution.assertion",o.cursor,e)',
    to: `t.dispatch(N,o.cursor,e,${JSON.stringify(BOTH_ASSERTION_EVENTS)})`,
  },
];
