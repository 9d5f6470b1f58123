/**
 * The parts a colleague's modules provide (Classic API, fault injection), loaded when
 * present so the core still runs while they are missing.
 */
import { existsSync } from 'node:fs';
import type { ClassicDeps, SimRequest, SimResponse } from './http.ts';

export type ClassicHandler = (req: SimRequest) => Promise<SimResponse> | SimResponse;

export interface Faults {
  before(req: SimRequest): Promise<SimResponse | 'reset' | undefined> | SimResponse | 'reset' | undefined;
  after(req: SimRequest, res: SimResponse): SimResponse;
}

interface ClassicRouteLike { method: string; path: string; privilege?: string; summary?: string; responses?: Readonly<Record<number, string>> }

export interface ClassicModule {
  createClassicHandler(deps: ClassicDeps): ClassicHandler;
  classicRoutes?: readonly ClassicRouteLike[];
}

// `.ts` beside the sources, `.js` in the compiled package.
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const here = (file: string): URL => new URL(file.replace(/\.ts$/, ext), import.meta.url);

export async function loadClassic(): Promise<ClassicModule | undefined> {
  if (!existsSync(here('./classic/index.ts'))) return undefined;
  return (await import(here('./classic/index.ts').href)) as ClassicModule;
}

export async function loadFaults(config: unknown, hooks: unknown): Promise<Faults | undefined> {
  if (config === undefined || !existsSync(here('./faults.ts'))) return undefined;
  const module = (await import(here('./faults.ts').href)) as { createFaults(config: unknown, hooks?: unknown): Faults };
  return module.createFaults(config, hooks);
}

/**
 * Swagger 2.0 for the Classic API like Jamf's (no response schemas). Written as JSON, which
 * is also YAML: with every route and its statuses the document is large, and YAML takes
 * seconds to write and to read where JSON takes milliseconds.
 */
export function classicSwagger(routes: readonly ClassicRouteLike[]): string {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, type: 'string' }));
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary ?? `${route.method} ${route.path}`,
      ...(parameters.length ? { parameters } : {}),
      responses: Object.fromEntries(Object.entries(route.responses ?? { 200: 'OK' }).map(([status, description]) => [status, { description }])),
    };
  }
  return JSON.stringify({
    swagger: '2.0',
    info: { title: 'Jamf Pro Classic API (simulated)', version: '1.0.0' },
    basePath: '/JSSResource',
    schemes: ['https', 'http'],
    consumes: ['application/xml'],
    produces: ['application/xml', 'application/json'],
    securityDefinitions: { basicAuth: { type: 'basic' }, bearerAuth: { type: 'apiKey', in: 'header', name: 'Authorization' } },
    paths,
  });
}
