// Exports everything the admin API holds on one user into a directory, through the gateway.
//   GATEWAY_URL=http://127.0.0.1:4000/graphql TOKEN=syt_... npm run export-user -- @alice:example.org --out DIR [--media] [--events] [--json]
// Exit codes: 0 complete, 1 incomplete (see manifest.json), 2 usage, 3 no such user, 4 refused or unreachable,
// 5 output directory unusable.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { exportUser, type Progress } from './export.js';
import { ExportError, exitCodes, GatewayClient } from './gateway-client.js';
import { ExportLayout } from './layout.js';

const usage = 'usage: GATEWAY_URL=... TOKEN=... npm run export-user -- <@user:server> --out <empty directory> [--media] [--events] [--json]';

function parse() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { out: { type: 'string' }, media: { type: 'boolean', default: false }, events: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    });
    const [userId, ...extra] = positionals;
    if (!userId || extra.length > 0 || !values.out) throw new Error('one user ID and --out are needed');
    if (!/^@[^:]+:.+$/.test(userId)) throw new Error(`${userId} is not a user ID (expected @localpart:server)`);
    return { userId, out: resolve(values.out), media: values.media, events: values.events, json: values.json };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(exitCodes.usage);
  }
}

const args = parse();
const token = process.env.TOKEN;
if (!token) {
  console.error(`TOKEN is not set (an admin's access token)\n${usage}`);
  process.exit(exitCodes.usage);
}
const gatewayUrl = new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql');

// On stderr, so that --json output on stdout stays clean; cli-progress draws nothing when stderr is not a terminal.
const bar = new SingleBar({ stream: process.stderr, format: 'exporting {bar} {value}/{total} {step}', hideCursor: true, clearOnComplete: true });
bar.start(0, 0, { step: '' });
const progress: Progress = {
  add: (steps) => bar.setTotal(bar.getTotal() + steps),
  done: (step) => bar.increment(1, { step }),
};

try {
  const manifest = await exportUser(new GatewayClient(gatewayUrl, token), new ExportLayout(args.out), { userId: args.userId, gateway: gatewayUrl.origin, media: args.media, events: args.events }, progress);
  bar.stop();
  if (args.json) console.log(JSON.stringify(manifest));
  else {
    const { counts } = manifest;
    console.log(
      `exported ${manifest.userId} to ${manifest.out}: ${counts.devices} devices, ${counts.memberships} rooms, ${counts.media} media` +
        (args.media ? ` (${counts.mediaFiles} files)` : '') +
        (args.events ? `, ${counts.events} events` : ''),
    );
    for (const failure of manifest.failures) console.error(`not exported: ${failure.what}: ${failure.reason}`);
  }
  process.exit(manifest.complete ? exitCodes.complete : exitCodes.incomplete);
} catch (error) {
  bar.stop();
  const exitCode = error instanceof ExportError ? error.exitCode : exitCodes.incomplete;
  if (args.json) console.log(JSON.stringify({ userId: args.userId, complete: false, error: (error as Error).message, exitCode }));
  console.error(`export failed: ${(error as Error).message}`);
  process.exit(exitCode);
}
