import type { ScriptJobFieldsFragment, ScriptJobItemsQuery } from '../../test/gql/graphql.js';

export type Job = ScriptJobFieldsFragment;
export type JobItem = NonNullable<ScriptJobItemsQuery['job']>['items']['edges'][number]['node'];

/** Rows a table shows; the totals always count every item (all of them are in --json). */
export const maxRows = 50;

// Room names are anyone's text: wide (CJK, emoji) and combining characters would shift the columns.
const wide = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const zeroWidth = /[\u0300-\u036F\u200B-\u200F\uFE00-\uFE0F]/u;
const charWidth = (char: string) => (zeroWidth.test(char) ? 0 : wide.test(char) ? 2 : 1);
const widthOf = (text: string) => [...text].reduce((sum, char) => sum + charWidth(char), 0);

/**
 * Names, aliases and errors are other people's text on the operator's terminal: control characters (escape
 * sequences, line breaks) and bidirectional overrides are shown as "?" instead of acting on it.
 */
export const printable = (text: string, keepLines = false) =>
  text.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu, (char) => (keepLines && char === '\n' ? char : '?'));

/** At most `width` columns: a longer text keeps its start and ends with "…". */
const cut = (text: string, width: number) => {
  if (widthOf(text) <= width) return text;
  let kept = '';
  for (const char of text) {
    if (widthOf(kept) + charWidth(char) > width - 1) break;
    kept += char;
  }
  return `${kept}…`;
};
const pad = (text: string, width: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return right ? fill + text : text + fill;
};

interface Column<T> {
  title: string;
  /** Longest a cell may be; longer ones are cut (IDs are never cut: 0). */
  max?: number;
  right?: boolean;
  cell(row: T): string;
}

/** A plain-text table, its columns as wide as their widest cell, capped at `maxRows` rows. */
export function table<T>(columns: Column<T>[], rows: T[]): string {
  const shown = rows.slice(0, maxRows);
  const cells = shown.map((row) => columns.map((column) => (column.max ? cut(printable(column.cell(row)), column.max) : printable(column.cell(row)))));
  const widths = columns.map((column, index) => Math.max(widthOf(column.title), ...cells.map((row) => widthOf(row[index]!))));
  const line = (values: string[]) => values.map((value, index) => pad(value, widths[index]!, columns[index]!.right ?? false)).join('  ').trimEnd();
  const lines = [line(columns.map((column) => column.title)), ...cells.map(line)];
  if (rows.length > shown.length) lines.push(`… and ${rows.length - shown.length} more (all of them with --json)`);
  return lines.join('\n');
}

// Reviews are JSON the plan wrote: read them defensively, a missing fact shows as "-".
const reviewOf = (item: JobItem) => (item.review ?? {}) as Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '-');
const yesNo = (value: unknown) => (value === true ? 'yes' : 'no');
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const optionsOf = (job: Job) => (job.options ?? {}) as Record<string, unknown>;
const listOf = (value: unknown) => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);

function header(job: Job): string {
  return `Plan ${job.id} (${job.kind}), made by ${job.createdBy} at ${job.createdAt}: ${job.dryRun ? 'nothing changed yet' : `status ${job.status}`}.`;
}

function roomOptions(options: Record<string, unknown>): string {
  const excluded = listOf(options.exclude).length;
  return `block ${yesNo(options.block)}, purge ${yesNo(options.purge !== false)}, force purge ${yesNo(options.forcePurge)}` + (excluded ? `, ${plural(excluded, 'room')} excluded` : '');
}

/** The rooms a purge deletes, as the plan saw them (for empty rooms, often from their history). */
export function roomPlan(job: Job, items: JobItem[]): string {
  const rooms = items.filter((item) => item.action === 'DELETE_ROOM');
  const withRemote = rooms.filter((item) => Number(reviewOf(item).joinedMembers ?? 0) > 0).length;
  const options = optionsOf(job);
  return [
    header(job),
    `Options: ${roomOptions(options)}, ${options.concurrency ?? 3} at once.`,
    '',
    table<JobItem>(
      [
        { title: 'room', cell: (item) => item.target },
        { title: 'name', max: 32, cell: (item) => text(reviewOf(item).name) },
        { title: 'alias', max: 32, cell: (item) => text(reviewOf(item).canonicalAlias) },
        { title: 'members', right: true, cell: (item) => String(reviewOf(item).joinedMembers ?? '-') },
        { title: 'creator', max: 40, cell: (item) => text(reviewOf(item).creator) },
      ],
      rooms,
    ),
    '',
    `Total: ${plural(rooms.length, 'room')} to delete` +
      (withRemote ? `; ${withRemote} of them still with remote members joined (no local user is in any)` : '') +
      '.',
  ].join('\n');
}

/** The users a decommission deactivates, and the admins it leaves to the operator. */
export function userPlan(job: Job, items: JobItem[]): string {
  const users = items.filter((item) => item.action === 'DEACTIVATE_USER');
  const rooms = new Set(users.flatMap((item) => listOf(reviewOf(item).rooms)));
  const guests = users.filter((item) => reviewOf(item).guest === true).length;
  const locked = users.filter((item) => reviewOf(item).locked === true).length;
  const options = optionsOf(job);
  const keep = listOf(options.keep).length;
  const lines = [
    header(job),
    `Options: erase ${yesNo(options.erase !== false)}, ${options.concurrency ?? 4} deactivations at once` +
      (keep ? `, ${plural(keep, 'user')} kept` : '') +
      `; rooms: ${roomOptions(options)}, ${options.deleteConcurrency ?? 3} deletes at once.`,
    '',
    table<JobItem>(
      [
        { title: 'user', cell: (item) => item.target },
        { title: 'display name', max: 32, cell: (item) => text(reviewOf(item).displayName) },
        { title: 'guest', cell: (item) => yesNo(reviewOf(item).guest) },
        { title: 'locked', cell: (item) => yesNo(reviewOf(item).locked) },
        { title: 'rooms', right: true, cell: (item) => String(listOf(reviewOf(item).rooms).length) },
      ],
      users,
    ),
    '',
    `Total: ${plural(users.length, 'user')} to deactivate${options.erase !== false ? ' and erase' : ''} (${guests} guest${guests === 1 ? '' : 's'}, ${locked} locked), ` +
      `joined to ${plural(rooms.size, 'room')}; once Synapse has parted them, those of their rooms no local user is left in are deleted.`,
  ];
  const admins = adminsWarning(job);
  if (admins) lines.push('', admins);
  return lines.join('\n');
}

/** Admins are never deactivated by a decommission: the operator has to deal with them (and their rooms) by hand. */
export function adminsWarning(job: Job): string | null {
  const admins = job.adminsToHandle.map((user) => user.userId);
  if (admins.length === 0) return null;
  return (
    `Warning: ${plural(admins.length, 'admin')} ${job.finishedAt ? (admins.length === 1 ? 'was NOT' : 'were NOT') : 'will NOT be'} deactivated: ${admins.join(', ')}.\n` +
    'Admins must leave their rooms by hand (or lose admin rights and be decommissioned by a later run); rooms they stay in are not deleted.'
  );
}

/** One line per item (capped): failed items with their errors, skipped ones with why. */
export function itemLines(items: JobItem[], why: (item: JobItem) => string | null | undefined, total = items.length): string {
  const lines = items.slice(0, maxRows).map((item) => `  ${printable(item.target)}: ${printable(why(item) ?? 'no reason given')}`);
  if (total > lines.length) lines.push(`  … and ${total - lines.length} more (all of them with --json)`);
  return lines.join('\n');
}

const seconds = (from: string | null | undefined, to: string | null | undefined) => (from && to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : null);

function took(job: Job): string {
  const s = seconds(job.startedAt, job.finishedAt);
  if (s === null) return '';
  return s < 60 ? ` in ${Math.round(s)}s` : ` in ${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

/** How the job ended: its counts, what failed and why, what was skipped and why, what is left to the operator. */
export function jobSummary(job: Job, failed: JobItem[], skipped: JobItem[]): string {
  const { progress } = job;
  const lines = [
    `Job ${job.id} ${job.status}${took(job)}: ${progress.done} done, ${progress.skipped} skipped, ${progress.failed} failed` +
      (progress.cancelled ? `, ${progress.cancelled} cancelled (never started)` : '') +
      ` of ${progress.total}.`,
  ];
  if (job.error) lines.push(`Error: ${printable(job.error)}`);
  if (skipped.length) lines.push('Skipped:', itemLines(skipped, (item) => item.skippedReason, progress.skipped));
  if (failed.length) lines.push('Failed:', itemLines(failed, (item) => `${item.error ?? 'no error given'} (${plural(item.attempts, 'attempt')})`, progress.failed));
  const admins = adminsWarning(job);
  if (admins) lines.push(admins);
  return lines.join('\n');
}
