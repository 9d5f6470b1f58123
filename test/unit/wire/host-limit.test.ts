/** One budget of connections per host, whoever opens them. */
import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { HostBudget, holdUntilClosed, hostKey } from '../../../src/wire/host-limit.ts';

describe('HostBudget', () => {
  it('lets `limit` connections open, then makes the next wait for one to close', () => {
    const b = new HostBudget(2);
    const opened: number[] = [];
    for (const n of [1, 2, 3]) b.acquire('h:443', () => opened.push(n));
    expect(opened).toEqual([1, 2]);
    expect(b.wanted('h:443')).toBe(true);
    b.release('h:443');
    expect(opened).toEqual([1, 2, 3]);
    expect(b.peak).toBe(2);
  });

  it('counts hosts apart', () => {
    const b = new HostBudget(1);
    const opened: string[] = [];
    b.acquire('a:80', () => opened.push('a'));
    b.acquire('b:80', () => opened.push('b'));
    expect(opened).toEqual(['a', 'b']);
  });

  it('asks holders of idle connections to close one when someone waits', () => {
    const b = new HostBudget(1);
    const asked: string[] = [];
    b.reclaimWith((key) => {
      asked.push(key);
      setImmediate(() => b.release(key));
      return true;
    });
    b.acquire('h:80', () => undefined);
    return new Promise<void>((resolve) => {
      b.acquire('h:80', () => {
        expect(asked).toEqual(['h:80']);
        resolve();
      });
    });
  });

  it('closes nothing more for someone a closed connection will make room for', () => {
    vi.useFakeTimers();
    try {
      const b = new HostBudget(1);
      let asked = 0;
      b.reclaimWith(() => ++asked > 0);
      b.acquire('h:80', () => undefined);
      b.closed('h:80', 50);
      const opened: number[] = [];
      b.acquire('h:80', () => opened.push(1));
      expect(b.wanted('h:80')).toBe(false);
      expect(asked).toBe(0);
      vi.advanceTimersByTime(50);
      expect(opened).toEqual([1]);
      // With that place taken, the next one waiting is wanted again.
      b.acquire('h:80', () => opened.push(2));
      expect(b.wanted('h:80')).toBe(true);
      expect(asked).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a connection being closed to make room once, from the decision to its grace', () => {
    vi.useFakeTimers();
    try {
      const b = new HostBudget(1);
      b.acquire('h:80', () => undefined);
      const opened: number[] = [];
      b.acquire('h:80', () => opened.push(1));
      expect(b.wanted('h:80')).toBe(true);
      b.closingToMakeRoom('h:80');
      expect(b.wanted('h:80')).toBe(false);
      b.closed('h:80', 50);
      // Still one place on its way, not two.
      b.acquire('h:80', () => opened.push(2));
      expect(b.wanted('h:80')).toBe(true);
      vi.advanceTimersByTime(50);
      expect(opened).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds a host to fewer while a run asks for fewer, and lets the waiting in when that ends', () => {
    const b = new HostBudget(5);
    const lift = b.restrict('h:80', 2);
    const other = b.restrict('h:80', 3);
    const opened: number[] = [];
    for (const n of [1, 2, 3, 4]) b.acquire('h:80', () => opened.push(n));
    b.acquire('g:80', () => opened.push(99));
    expect(b.limitFor('h:80')).toBe(2);
    expect(opened).toEqual([1, 2, 99]);
    lift();
    lift();
    expect(b.limitFor('h:80')).toBe(3);
    expect(opened).toEqual([1, 2, 99, 3]);
    other();
    expect(b.limitFor('h:80')).toBe(5);
    expect(opened).toEqual([1, 2, 99, 3, 4]);
  });

  it('never lets a lower limit go under one connection or over the limit', () => {
    const b = new HostBudget(5);
    b.restrict('h:80', 0);
    b.restrict('g:80', 9);
    expect(b.limitFor('h:80')).toBe(1);
    expect(b.limitFor('g:80')).toBe(5);
  });

  it('gives a place back sooner when the server ended the connection than when we did', () => {
    vi.useFakeTimers();
    try {
      const b = new HostBudget(1);
      const socket = (events: string[], error?: string): { opened: number[] } => {
        const opened: number[] = [];
        b.acquire('h:80', () => undefined);
        const s = new EventEmitter() as unknown as Socket;
        holdUntilClosed(b, 'h:80', s);
        for (const e of events) (s as unknown as EventEmitter).emit(e, ...(e === 'error' ? [Object.assign(new Error('x'), { code: error })] : []));
        b.acquire('h:80', () => opened.push(1));
        return { opened };
      };
      // The server sent its end first.
      let s = socket(['end', 'close']);
      vi.advanceTimersByTime(5);
      expect(s.opened).toEqual([1]);
      b.release('h:80');
      // The server reset it.
      s = socket(['error', 'close'], 'ECONNRESET');
      vi.advanceTimersByTime(5);
      expect(s.opened).toEqual([1]);
      b.release('h:80');
      // We closed it: the server learns later.
      s = socket(['close']);
      vi.advanceTimersByTime(49);
      expect(s.opened).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(s.opened).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keys by host and port, with the default port of the scheme', () => {
    expect(hostKey('Example.JamfCloud.com', undefined, true)).toBe('example.jamfcloud.com:443');
    expect(hostKey('127.0.0.1', 8080, false)).toBe('127.0.0.1:8080');
  });
});
