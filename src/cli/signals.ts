/**
 * SIGINT (Ctrl-C, a CI cancel) and SIGTERM (a CI timeout) during a run: the first one stops
 * it cleanly — nothing more is sent, the request in flight finishes, user tokens are
 * invalidated and the reports of what ran are written, then the exit code says which signal
 * (130, 143). A second one exits at once.
 */
import { ExitCode } from '../errors.ts';

export interface SignalStop {
  signal: AbortSignal;
  dispose(): void;
}

export function stopOnSignals(stderr: NodeJS.WritableStream): SignalStop {
  const controller = new AbortController();
  const handler = (name: 'SIGINT' | 'SIGTERM') => (): void => {
    const code = name === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated;
    if (controller.signal.aborted) process.exit(code);
    stderr.write(`\n${name}: stopping — nothing more is sent; the request in flight finishes and the reports of what ran are written.${name === 'SIGINT' ? ' Press Ctrl-C again to quit at once.' : ''}\n`);
    controller.abort(name);
  };
  const onInt = handler('SIGINT');
  const onTerm = handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
