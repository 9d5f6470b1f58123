/**
 * How a run holds its first requests and results while its version and contract are still
 * being answered (run.ts): requests wait at the gate unjudged and leave one per turn of the
 * event loop once it opens, or are refused if the run stops first; results are counted but
 * reach the reporters only once they have started, in order.
 */
import { describe, expect, it } from 'vitest';
import { RunGate } from '../../../src/execute/gate.ts';
import { Tally } from '../../../src/execute/tally.ts';
import type { Reporter, RequestResult } from '../../../src/result.ts';
import { Redactor } from '../../../src/secrets.ts';
import type { WireRequest } from '../../../src/execute/wire-hook.ts';
import type { Exchange } from '../../../src/wire/exchange.ts';

const get: WireRequest = { method: 'GET', url: 'https://jamf.example/api/v1/buildings', headers: {}, source: 'item' };
const post: WireRequest = { method: 'POST', url: 'https://jamf.example/api/v1/buildings', headers: {}, source: 'item' };
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the gate while the run is not ready', () => {
  it('lets nothing wait when it is not held', () => {
    const gate = new RunGate({ allowWrites: false, allowDestructive: false }, new Redactor());
    expect(gate.lane().arrive()).toBeUndefined();
  });

  it('holds requests until opened, then lets them on in arrival order, one per turn of the event loop', async () => {
    const gate = new RunGate({ allowWrites: false, allowDestructive: false }, new Redactor());
    const open = gate.hold();
    const events: string[] = [];
    const waits = ['a', 'b', 'c'].map((name) => gate.lane().arrive()!.then(() => void events.push(name)));
    await turn();
    await turn();
    expect(events).toEqual([]);
    open();
    await Promise.resolve();
    expect(events).toEqual(['a']);
    await turn();
    expect(events).toEqual(['a', 'b']);
    await Promise.all(waits);
    expect(events).toEqual(['a', 'b', 'c']);
    // Open now: later arrivals go straight on.
    expect(gate.lane().arrive()).toBeUndefined();
  });

  it('a run stopped while held lets the waiting requests on to be refused, never sent', async () => {
    const gate = new RunGate({ allowWrites: false, allowDestructive: false }, new Redactor());
    gate.hold();
    const lane = gate.lane();
    const waiting = lane.arrive()!;
    gate.stop('CONTRACT_UNAVAILABLE', 'not sent: the run could not start');
    await waiting;
    const admission = lane.admit(get);
    expect(admission.allow).toBe(false);
    expect(admission).toMatchObject({ error: { code: 'CONTRACT_UNAVAILABLE' } });
  });

  it('judges a request only once it is let on: the read-only guard still holds writes back', async () => {
    const gate = new RunGate({ allowWrites: false, allowDestructive: false }, new Redactor());
    const open = gate.hold();
    const lane = gate.lane();
    const waiting = lane.arrive()!;
    open();
    await waiting;
    expect(lane.admit(post).allow).toBe(false);
    expect(lane.drainHeld()).toHaveLength(1);
    expect(lane.admit(get).allow).toBe(true);
  });
});

describe('the tally while the reporters have not started', () => {
  const result = (name: string): Omit<RequestResult, 'index' | 'collection'> => ({
    iteration: 0,
    folders: [],
    itemId: name,
    itemName: name,
    method: 'GET',
    url: `https://jamf.example/${name}`,
    tests: [{ name: 'ok', passed: true }],
    findings: [],
    scriptErrors: [],
  });

  it('counts results at once and hands them and console lines to the reporters only after start, in order', () => {
    const seen: string[] = [];
    const reporter: Reporter = { name: 'probe', onRequest: (r) => void seen.push(`${r.index} ${r.itemName}`), onConsole: (l) => void seen.push(`console ${l.message}`) };
    const results: string[] = [];
    const tally = new Tally({ reporters: [reporter], serverUrl: 'https://jamf.example', redactor: new Redactor(), held: true, onResult: (r) => void results.push(r.itemName) });
    tally.add('c', result('one'), undefined);
    tally.console({ level: 'log', message: 'from a script' });
    tally.add('c', result('two'), undefined);
    expect(seen).toEqual([]);
    expect(results).toEqual([]);
    expect(tally.counts.testsPassed).toBe(2);
    tally.start(undefined);
    expect(seen).toEqual(['0 one', 'console from a script', '1 two']);
    tally.add('c', result('three'), undefined);
    tally.console({ level: 'log', message: 'later' });
    expect(seen).toEqual(['0 one', 'console from a script', '1 two', '2 three', 'console later']);
    expect(results).toEqual(['one', 'two', 'three']);
  });

  it('checks exchanges with the observer it was started with', () => {
    const tally = new Tally({ reporters: [], serverUrl: 'https://jamf.example', redactor: new Redactor(), held: true });
    tally.start({ check: () => ({ operation: 'GET /v1/buildings', findings: [] }) });
    const exchange: Exchange = { method: 'GET', url: 'https://jamf.example/api/v1/buildings', status: 200, headers: {}, body: Buffer.from('{}') };
    const checked = tally.check('c', result('one'), exchange);
    expect(checked.operation).toBe('GET /v1/buildings');
  });
});
