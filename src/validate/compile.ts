/**
 * Lazy, cached validators. Nothing compiles until a response for an operation arrives;
 * then only that response schema (and what it references) is compiled, once. The
 * document's schemas are translated from OpenAPI to JSON Schema once, on first use.
 */
import type { Ajv, Format, FormatDefinition, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';
import type addFormatsModule from 'ajv-formats';
import { lazyRequire } from '../lazy-require.ts';
import { resolvePointer, type LoadedSpec } from '../load/spec.ts';
import { translateSchema, type TranslateOptions } from './openapi-schema.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const ajvModule = lazyRequire<typeof AjvModule>('ajv');
const formatsModule = lazyRequire<typeof addFormatsModule>('ajv-formats');
const addFormats = (ajv: Ajv): Ajv => {
  const m = formatsModule();
  return (((m as unknown as { default?: typeof addFormatsModule }).default ?? m) as unknown as (a: Ajv) => Ajv)(ajv);
};

export type BodyMode = 'json' | 'xml';

export type CompileResult = { ok: true; validate: ValidateFunction } | { ok: false; reason: string };

export interface CompilerOptions {
  /** String formats accept `""` (Jamf sends empty strings for unset emails, URLs, dates). */
  tolerateEmptyFormats?: boolean;
}

export class SchemaCompiler {
  readonly #spec: LoadedSpec;
  readonly #ajv = new Map<BodyMode, Ajv>();
  readonly #cache = new Map<string, CompileResult>();
  readonly #docId: string;
  readonly #options: CompilerOptions;
  #knownFormats?: Set<string>;
  #translatedRoot?: Record<string, unknown>;

  constructor(spec: LoadedSpec, id: string, options: CompilerOptions = {}) {
    this.#spec = spec;
    this.#docId = `jamf-contract:${id}`;
    this.#options = options;
  }

  /** `key` identifies the place (operation + status + media type); `schema` is the raw OpenAPI schema there. */
  compile(key: string, schema: unknown, mode: BodyMode): CompileResult {
    const cacheKey = `${mode} ${key}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    let result: CompileResult;
    try {
      const ajv = this.#instance(mode);
      const translated = translateSchema(schema, this.#translateOptions(ajv));
      result = { ok: true, validate: ajv.compile(absoluteRefs(translated, this.#docId) as object) };
    } catch (error) {
      result = { ok: false, reason: (error as Error).message.split('\n')[0] ?? 'unknown error' };
    }
    this.#cache.set(cacheKey, result);
    return result;
  }

  #instance(mode: BodyMode): Ajv {
    let ajv = this.#ajv.get(mode);
    if (ajv) return ajv;
    ajv = new (ajvModule().Ajv)({
      allErrors: true,
      // Errors carry the schema that failed, for the finding's schema excerpt (costs nothing on valid bodies).
      verbose: true,
      strict: false,
      validateSchema: false,
      logger: false,
      // XML text is all strings and a single child element is not an array: coercion
      // lets the same schema check both shapes.
      coerceTypes: mode === 'xml' ? 'array' : false,
    });
    addFormats(ajv);
    // Jamf's non-standard formats, and OpenAPI's that carry no constraint worth failing on.
    for (const name of ['base64', 'password', 'binary']) ajv.addFormat(name, true);
    if (this.#options.tolerateEmptyFormats) acceptEmptyStrings(ajv);
    ajv.addSchema({ $id: this.#docId, ...this.#root(ajv) });
    this.#ajv.set(mode, ajv);
    return ajv;
  }

  #root(ajv: Ajv): Record<string, unknown> {
    if (this.#translatedRoot) return this.#translatedRoot;
    const doc = this.#spec.document;
    const opts = this.#translateOptions(ajv);
    const mapSchemas = (value: unknown): Record<string, unknown> =>
      Object.fromEntries(Object.entries((value as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => [k, translateSchema(v, opts)]));
    const components = (doc.components ?? {}) as Record<string, unknown>;
    // Only schema positions are translated; other `$ref` targets (responses, headers) are
    // resolved by the checker before a schema reaches ajv.
    this.#translatedRoot = {
      components: { schemas: mapSchemas(components.schemas) },
      definitions: mapSchemas(doc.definitions),
    };
    return this.#translatedRoot;
  }

  #translateOptions(ajv: Ajv): TranslateOptions {
    this.#knownFormats ??= new Set(Object.keys(ajv.formats));
    const doc = this.#spec.document;
    return { knownFormats: this.#knownFormats, resolveRef: (ref) => (ref.startsWith('#') ? resolvePointer(doc, ref.slice(1), { uriFragment: true }) : undefined) };
  }
}

/** Every string format also accepts `""`; number formats (`int32`, …) are left alone. */
function acceptEmptyStrings(ajv: Ajv): void {
  for (const [name, format] of Object.entries(ajv.formats)) {
    const wrapped = emptyTolerant(format);
    if (wrapped) ajv.addFormat(name, wrapped);
  }
}

function emptyTolerant(format: Format | undefined): Format | undefined {
  if (format === undefined || format === true || typeof format === 'string') return undefined;
  if (format instanceof RegExp) return (value: string) => value === '' || format.test(value);
  if (typeof format === 'function') return (value: string) => value === '' || format(value);
  if ((format.type ?? 'string') !== 'string' || format.async) return undefined;
  const check = format.validate as RegExp | ((value: string) => boolean);
  const validate = (value: string): boolean => value === '' || (check instanceof RegExp ? check.test(value) : check(value));
  return { ...(format as FormatDefinition<string>), type: 'string', validate };
}

/** `#/components/schemas/X` → `<docId>#/components/schemas/X`, so inline schemas resolve against the document. */
function absoluteRefs(node: unknown, docId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => absoluteRefs(n, docId));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${docId}${value}` : absoluteRefs(value, docId);
  }
  return out;
}
