/** Reading the simulator's inspection endpoint. */
import type { RunningSimulator, SimulatorOptions } from '../../src/simulator/index.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import type { Stats } from '../../src/simulator/state.ts';

export async function stats(sim: RunningSimulator): Promise<Stats> {
  const res = await fetch(`${sim.url}/__simulator/stats`);
  return (await res.json()) as Stats;
}

export async function resetSimulator(sim: RunningSimulator): Promise<void> {
  await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' });
}

export function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ quiet: true, ...options });
}

export const DEMO = { clientId: 'demo-client', clientSecret: 'demo-secret' } as const;
