/**
 * The run's shared script context keeps no listener of an execution that has ended: the
 * engine adds a handful per script run and drops them when it ends, all but the
 * `pm.execution.runRequest` one (postman-runtime 7.56), which the host drops itself. After a
 * script timed out, the context's worker is started again before the next execution starts
 * (and its timeout with it).
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

/** A context whose last script timed out: its worker is gone until `initialize` starts it again (20 ms here). */
class TimedOutContext extends FakeContext {
  override isReady = false;
  hasTimedOut = true;
  initOptions = {};
  connectOptions = { timeout: 300 };
  initializations = 0;
  /** Whether the worker was up when each execution was handed to the context. */
  readyAtExecute: boolean[] = [];
  initialize(_init: object, _connect: object, done: (error: Error | null) => void): void {
    this.initializations += 1;
    setTimeout(() => {
      this.isReady = true;
      this.hasTimedOut = false;
      done(null);
    }, 20);
  }
  override execute(target: unknown, options: unknown, done: (error: Error | null, result?: unknown) => void): void {
    this.readyAtExecute.push(this.isReady);
    super.execute(target, options, done);
  }
}

describe('after a script timed out', () => {
  it('starts the worker again before handing the next executions over, once for all of them', async () => {
    const ctx = new TimedOutContext();
    const pool = new SandboxPool({ cacheDir: false });
    const hosts = [0, 1, 2].map(() => new RunHost(() => Promise.resolve(ctx as never), pool));
    await Promise.all(hosts.map((host, i) => new Promise<void>((resolve) => host.execute({}, { id: `after-${i}` }, () => resolve()))));
    expect(ctx.initializations).toBe(1);
    expect(ctx.readyAtExecute).toEqual([true, true, true]);
    for (const host of hosts) host.dispose();
  });

  it('a worker that cannot be started again ends the executions waiting on it with the error', async () => {
    const ctx = new TimedOutContext();
    ctx.initialize = (_init, _connect, done) => setImmediate(() => done(new Error('uvm: boot timed out')));
    const host = new RunHost(() => Promise.resolve(ctx as never), new SandboxPool({ cacheDir: false }));
    const error = await new Promise<Error | null>((resolve) => host.execute({}, { id: 'x' }, (e) => resolve(e)));
    expect(error?.message).toBe('uvm: boot timed out');
    expect(ctx.readyAtExecute).toEqual([]);
    host.dispose();
  });
});
