/**
 * The `jamf-contract` program: the process around `main`. `bin/jamf-contract.js` runs the
 * compiled copy (dist/bundle/bin.js, see bin/build.js); the tests run this file through tsx.
 */
import { exitCodeFor } from '../errors.ts';
import { main } from './main.ts';
import { tuneV8ForLongRuns } from './tune-v8.ts';

tuneV8ForLongRuns();
// `jamf-contract … | head`: a closed pipe ends the program quietly, like any Unix tool.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// A fault nothing caught (inside the engine, after the run started): one line and "could not
// run", never a stack trace and exit 1 (which means a usage error). Only the fault's code is
// shown: its message may carry request data. Reports are written whole or not at all (their
// files appear at the end of a run), so none is left half-written.
process.on('uncaughtException', (error: Error & { code?: unknown }) => {
  const what = typeof error?.code === 'string' ? error.code : (error?.name ?? 'unknown');
  process.stderr.write(`error[INTERNAL]: the run stopped on a fault it could not recover from (${what}); no report was written. Please report it with the command you ran.\n`);
  process.exit(exitCodeFor('INTERNAL'));
});
process.exitCode = await main(process.argv.slice(2));
