/**
 * The run's shared script context keeps no listener of an execution that has ended: the
 * engine adds a handful per script run and drops them when it ends, all but the
 * `pm.execution.runRequest` one (postman-runtime 7.56), which the host drops itself.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { RunHost, SandboxPool } from '../../../src/execute/sandbox-host.ts';

class FakeContext extends EventEmitter {
  isReady = true;
  execute(_target: unknown, _options: unknown, done: (error: Error | null, result?: unknown) => void): void {
    setImmediate(() => done(null, {}));
  }
  dispatch(): void {}
  dispose(callback?: () => void): void {
    callback?.();
  }
}

describe('RunHost', () => {
  it('drops every listener of an execution once it has ended, over many executions', async () => {
    const ctx = new FakeContext();
    const pool = new SandboxPool({ cacheDir: false });
    const host = new RunHost(() => Promise.resolve(ctx as never), pool);
    for (let i = 0; i < 50; i += 1) {
      const id = `exec-${i}`;
      // What postman-runtime's event command does for one script run.
      host.on(`execution.run_collection_request.${id}`, () => undefined);
      host.on(`execution.request.${id}`, () => undefined);
      await new Promise<void>((resolve) =>
        host.execute({}, { id }, () => {
          host.removeAllListeners(`execution.request.${id}`);
          resolve();
        }),
      );
    }
    expect(ctx.eventNames().filter((name) => String(name).startsWith('execution.'))).toEqual([]);
    host.dispose();
  });

  it('leaves the listeners of an execution still running alone', async () => {
    const ctx = new FakeContext();
    const host = new RunHost(() => Promise.resolve(ctx as never), new SandboxPool({ cacheDir: false }));
    host.on('execution.run_collection_request.later', () => undefined);
    await new Promise<void>((resolve) => host.execute({}, { id: 'now' }, () => resolve()));
    expect(ctx.listenerCount('execution.run_collection_request.later')).toBe(1);
    host.dispose();
    expect(ctx.listenerCount('execution.run_collection_request.later')).toBe(0);
  });
});
