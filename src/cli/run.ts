import type { Command } from 'commander';

export function registerRun(_program: Command, _setExit: (code: number) => void): void {
  // The `run` command is registered here.
}
