import type { Command } from 'commander';

export function registerSimulate(_program: Command, _setExit: (code: number) => void): void {
  // The `simulate` command is registered here.
}
