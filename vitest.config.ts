import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one; most of this suite waits on servers and
    // child processes, so a 2-core machine ran its files one at a time (8–10 min). Two: ~7 min.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
