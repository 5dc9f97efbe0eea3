// Starts a real Synapse (Debian sid, in a cached debootstrap chroot) and a throw-away PostgreSQL, runs the whole test
// suite against them and the simulator with nothing skipped, then stops both. Extra arguments go to vitest.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const state = resolve(root, '.synapse-state');
const script = resolve(root, 'scripts/real-synapse.sh');
const postgresState = resolve(root, '.postgres-state');
const postgresScript = resolve(root, 'scripts/postgres.sh');

function synapse(command: 'start' | 'stop'): void {
  const result = spawnSync('bash', [script, command, state], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`real-synapse.sh ${command} failed with exit code ${result.status}`);
}

function postgres(command: 'start' | 'stop'): void {
  const result = spawnSync('bash', [postgresScript, command, postgresState], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`postgres.sh ${command} failed with exit code ${result.status}`);
}

let exitCode = 1;
try {
  // PostgreSQL first: it takes about a second, and fails fast before the longer Synapse start if it is going to.
  let started = Date.now();
  postgres('start');
  console.info(`PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  started = Date.now();
  synapse('start');
  console.info(`real Synapse ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const env = {
    ...process.env,
    SYNAPSE_TEST_URL: readFileSync(resolve(state, 'url'), 'utf8').trim(),
    SYNAPSE_TEST_SHARED_SECRET: readFileSync(resolve(state, 'shared_secret'), 'utf8').trim(),
    REQUIRE_REAL_SYNAPSE: '1',
    POSTGRES_TEST_URL: readFileSync(resolve(postgresState, 'url'), 'utf8').trim(),
    REQUIRE_POSTGRES: '1',
  };
  const report = resolve(mkdtempSync(resolve(tmpdir(), 'vitest-')), 'report.json');
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
  const vitest = spawn(resolve(root, 'node_modules/.bin/vitest'), args, { stdio: 'inherit', env, cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => vitest.kill(signal));
  exitCode = await new Promise<number>((done) => vitest.once('exit', (code) => done(code ?? 1)));
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, 'utf8')) as Record<string, number>;
  const skipped = (numPendingTests ?? 0) + (numTodoTests ?? 0);
  console.info(`${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped`);
  // With a real Synapse and PostgreSQL at hand nothing may be skipped.
  if (skipped > 0 && process.argv.length <= 2) {
    console.error('tests were skipped although a real Synapse and PostgreSQL were running');
    exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  // Each stop on its own: a failing one must not leave the other running.
  for (const stop of [() => synapse('stop'), () => postgres('stop')]) {
    try {
      stop();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
  }
}
process.exit(exitCode);
