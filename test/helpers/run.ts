/** Running collections through the library, collecting what reporters would see. */
import { runCollections, type RunOptions } from '../../src/execute/run.ts';
import type { ConsoleLine, RequestResult, RunSummary } from '../../src/result.ts';
import { Redactor } from '../../src/secrets.ts';

export interface Captured {
  summary: RunSummary;
  results: RequestResult[];
  console: ConsoleLine[];
}

/** Runs with a capturing reporter after any reporters given. */
export async function runCaptured(options: RunOptions): Promise<Captured> {
  const results: RequestResult[] = [];
  const console: ConsoleLine[] = [];
  const summary = await runCollections({
    redactor: new Redactor(),
    ...options,
    reporters: [...(options.reporters ?? []), { name: 'capture', onRequest: (r) => results.push(r), onConsole: (l) => console.push(l) }],
  });
  return { summary, results, console };
}
