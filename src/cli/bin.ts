/**
 * The `jamf-contract` program: the process around `main`. `bin/jamf-contract.js` runs the
 * compiled copy (dist/cli/bin.js); the tests run this file through tsx.
 */
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
process.exitCode = await main(process.argv.slice(2));
