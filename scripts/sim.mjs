/**
 * `npm run sim`: builds the CLI bundle if its sources changed (scripts/build-cli.mjs), then runs it
 * in this same process. Start-up counts for a user (and for the benchmark): checking the stamp
 * here instead of in a `presim` step saves a whole Node start (~50 ms) on every call.
 *
 * Usage: node [V8 flags] scripts/sim.mjs [sim arguments]
 */
import { ensureBuilt } from './build-cli.mjs';

const [sim] = await ensureBuilt([
  'src/cli/sim.ts',
  'src/cli/bench.ts',
  'src/cli/sweep-worker.ts',
  'src/cli/fold-worker.ts',
]);
const { run } = await import(sim);
run(process.argv.slice(2));
