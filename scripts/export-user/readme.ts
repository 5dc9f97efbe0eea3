import type { ExportManifest } from './manifest.js';

/** The README written into every export: what is in it, and what the admin API could not provide. */
export function exportReadme(manifest: ExportManifest): string {
  const { counts, options } = manifest;
  return `# Data export of ${manifest.userId}

Made ${manifest.exportedAt} through the Synapse admin gateway at ${manifest.gateway}, from the admin API alone (no
access to the Synapse host). The layout follows Synapse's \`export-data\` command; every file is a JSON document
(\`.jsonl\`: one JSON value per line). \`manifest.json\` has the counts and anything that failed.

| path | what |
|---|---|
| user_data/profile.json | the account: names, flags, creation and last-seen times, consent, rate-limit override |
| user_data/devices.json | ${counts.devices} devices, with their last IP, user agent and time |
| user_data/connections.json | ${counts.connections} remembered connections (IP, user agent, last seen), kept by Synapse for 28 days |
| user_data/threepids.json | ${counts.threepids} email addresses and phone numbers |
| user_data/external_ids.json | ${counts.externalIds} single-sign-on identities |
| user_data/pushers.json | ${counts.pushers} push gateways the user's devices registered |
| user_data/memberships.json | ${counts.memberships} rooms and the user's membership in each |
| user_data/account_data/global.json | global account data (event type → content) |
| user_data/account_data/<room ID>.json | account data of ${counts.roomAccountData} rooms |
| media_ids/<media ID>.json | metadata of ${counts.media} uploads |
| media/<media ID> | ${options.media ? `the files themselves (${counts.mediaFiles} downloaded)` : 'not exported: run with --media'} |
| rooms/<room ID>/events.jsonl | ${options.events ? `${counts.events} events of ${counts.rooms} rooms` : 'not exported: run with --events'} |

## What the admin API could not provide

- **Which events the user could see, exactly.** With \`--events\`, each room's timeline is paged through the admin
  messages endpoint, which returns every event; the export keeps the user's own membership events and everything
  from each of their joins to the following leave. Synapse's \`export-data\` also applies the room's history
  visibility (e.g. history shared before a join), and writes the room state at the timeline's forward extremities
  (\`rooms/<room>/state/\`): neither is available here.
- **Invite and knock state** (the stripped room state a pending invite or knock carries).
- **End-to-end encryption data**: device keys, cross-signing keys, key backups, to-device messages. Encrypted
  events are exported as ciphertext.
- **Push rules, read receipts, presence, typing** and other ephemeral or non-account-data state.
- **The password hash** and access tokens (never exported by design).
- **Quarantined media files**: the client media API refuses them; their metadata is in \`media_ids/\`.
- **Media the user did not upload** (remote media they viewed, room avatars set by others).
`;
}
