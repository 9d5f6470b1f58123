import type { Command } from 'commander';

export function registerValidate(_program: Command, _setExit: (code: number) => void): void {
  // The `validate` command is registered here.
}
