/**
 * A v2.1 collection → the files of a v3 collection (paths relative to its root → YAML text),
 * laid out as Postman v12 writes them: `.resources/definition.yaml` for the collection and
 * each folder, `<name>.request.yaml` per request, examples under
 * `.resources/<name>.resources/examples/`, `order` spaced by 1000 so the items keep their order.
 */
import type * as Yaml from 'yaml';
import { lazyRequire } from '../../lazy-require.ts';
import type { PostmanCollection, PostmanItem, PostmanRequest } from '../postman-types.ts';
import { description, fromAuth, fromBody, fromEvents, fromProtocolProfile, fromUrl, keyValues, type Out, type Warn } from './from-v2-fields.ts';

const yamlLib = lazyRequire<typeof Yaml>('yaml');

export interface V3Files {
  /** Relative path (forward slashes) → file content. */
  files: Map<string, string>;
  /** What v3 cannot hold, naming the item. */
  warnings: string[];
}

const ORDER_STEP = 1000;

export function collectionToV3(collection: PostmanCollection): V3Files {
  const files = new Map<string, string>();
  const warnings: string[] = [];
  const rootName = collection.info?.name ?? 'Collection';
  const warnFor = (where: string): Warn => (message) => warnings.push(`${where}: ${message}`);
  const warn = warnFor(rootName);
  files.set('.resources/definition.yaml', yaml({
    $kind: 'collection',
    name: rootName,
    ...maybe('description', description(collection.info?.description)),
    ...maybe('variables', keyValues(collection.variable, ['type'])),
    ...maybe('auth', fromAuth(collection.auth, warn)),
    ...maybe('scripts', fromEvents(collection.event, 'definition', warn)),
  }));
  writeItems(collection.item ?? [], '', [rootName], files, warnings);
  return { files, warnings };
}

function writeItems(items: PostmanItem[], dir: string, trail: string[], files: Map<string, string>, warnings: string[]): void {
  const names = new UniqueNames();
  items.forEach((item, i) => {
    const order = (i + 1) * ORDER_STEP;
    const name = item.name ?? '';
    const where = [...trail, name].join(' / ');
    const warn: Warn = (message) => warnings.push(`${where}: ${message}`);
    if (Array.isArray(item.item)) {
      const sub = names.take(fileName(name, 'folder'), 'dir');
      const path = `${dir}${sub}/`;
      if (item.variable?.length) warn('folder variables are written to its definition.yaml; Postman\'s engine does not apply them');
      files.set(`${path}.resources/definition.yaml`, yaml({
        $kind: 'collection',
        ...(sub !== name ? { name } : {}),
        ...maybe('description', description(item.description)),
        ...maybe('variables', keyValues(item.variable, ['type'])),
        ...maybe('auth', fromAuth(item.auth, warn)),
        ...maybe('scripts', fromEvents(item.event, 'definition', warn)),
        order,
      }));
      writeItems(item.item, path, [...trail, name], files, warnings);
      return;
    }
    if (!item.request) {
      warn('an item with neither a request nor items is left out');
      return;
    }
    const stem = names.take(fileName(name, 'request'), 'file');
    files.set(`${dir}${stem}.request.yaml`, yaml(requestDoc(item, stem, order, warn)));
    const exampleNames = new UniqueNames();
    (item.response as unknown[] | undefined)?.forEach((response, j) => {
      const example = exampleDoc(response as Out, (j + 1) * ORDER_STEP, warn);
      const exampleStem = exampleNames.take(fileName(String(example.name ?? `example ${j + 1}`), 'example'), 'file');
      files.set(`${dir}.resources/${stem}.resources/examples/${exampleStem}.example.yaml`, yaml(example));
    });
  });
}

function requestDoc(item: PostmanItem, stem: string, order: number, warn: Warn): Out {
  const request: PostmanRequest = typeof item.request === 'string' ? { url: item.request, method: 'GET' } : (item.request ?? {});
  const extra = request as Record<string, unknown>;
  for (const key of ['certificate', 'proxy']) if (extra[key] !== undefined) warn(`request.${key} has no v3 field; left out`);
  if (item.variable?.length) warn('request-level variables have no v3 field; left out');
  const url = fromUrl(request.url);
  return {
    $kind: 'http-request',
    ...(item.name !== undefined && item.name !== stem ? { name: item.name } : {}),
    ...maybe('description', description(extra.description) ?? description(item.description)),
    url: url.url,
    method: (request.method ?? 'GET').toUpperCase(),
    ...maybe('headers', typeof request.header === 'string' ? headerLines(request.header) : keyValues(request.header)),
    ...maybe('queryParams', url.queryParams),
    ...maybe('pathVariables', url.pathVariables),
    ...maybe('body', fromBody(request.body, warn)),
    ...maybe('auth', fromAuth(request.auth, warn)),
    ...maybe('scripts', fromEvents(item.event, 'request', warn)),
    ...maybe('settings', fromProtocolProfile(item.protocolProfileBehavior)),
    order,
  };
}

/** v2.0 allows headers as one "Key: value" text block. */
function headerLines(text: string): Out | Out[] | undefined {
  const list = text.split(/\r?\n/).filter((l) => l.includes(':')).map((l) => ({ key: l.slice(0, l.indexOf(':')).trim(), value: l.slice(l.indexOf(':') + 1).trim() }));
  return keyValues(list);
}

function exampleDoc(response: Out, order: number, warn: Warn): Out {
  const original = (response.originalRequest ?? {}) as PostmanRequest;
  const url = fromUrl(original.url);
  const language = typeof response._postman_previewlanguage === 'string' && ['json', 'xml', 'html', 'javascript', 'text'].includes(response._postman_previewlanguage) ? response._postman_previewlanguage : 'text';
  return {
    $kind: 'http-example',
    ...(typeof response.name === 'string' ? { name: response.name } : {}),
    request: {
      url: url.url,
      method: (original.method ?? 'GET').toUpperCase(),
      ...maybe('headers', typeof original.header === 'string' ? headerLines(original.header) : keyValues(original.header)),
      ...maybe('body', fromBody(original.body, warn)),
    },
    response: {
      ...(typeof response.code === 'number' ? { statusCode: response.code } : {}),
      ...(typeof response.status === 'string' ? { statusText: response.status } : {}),
      ...maybe('headers', Array.isArray(response.header) ? keyValues(response.header as never) : undefined),
      body: { type: language, content: typeof response.body === 'string' ? response.body : '' },
    },
    order,
  };
}

function maybe(key: string, value: unknown): Out {
  return value === undefined ? {} : { [key]: value };
}

/** Postman's naming rule: no `/ \ : * ? " < > |` in file names. */
function fileName(name: string, fallback: string): string {
  const cleaned = name.replace(/[/\\:*?"<>|]/g, '-').replace(/\p{Cc}/gu, '').trim().replace(/^\.+/, '');
  return cleaned === '' ? fallback : cleaned;
}

/** File names are unique case-insensitively per folder: `name`, `name-1`, `name-2`… */
class UniqueNames {
  private readonly used = new Set<string>();
  take(base: string, kind: 'dir' | 'file'): string {
    let candidate = base;
    for (let n = 1; this.used.has(`${kind}:${candidate.toLowerCase()}`); n += 1) candidate = `${base}-${n}`;
    this.used.add(`${kind}:${candidate.toLowerCase()}`);
    return candidate;
  }
}

export function yaml(doc: Out): string {
  return yamlLib().stringify(doc, { lineWidth: 0, singleQuote: true, blockQuote: 'literal', aliasDuplicateObjects: false });
}
