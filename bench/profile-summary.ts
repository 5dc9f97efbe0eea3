// Self time of a V8 CPU profile (node --cpu-prof) by package: which library, which of our directories, Node's own
// internals, the garbage collector. `node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]` prints a
// Markdown table; bench/run.ts uses it for the one-room arm's summary beside RESULTS.md.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock (process.hrtime's, in µs). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Monotonic microseconds, the profile's clock: brackets a window of work to summarize. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Where a frame's code lives: `pkg` for node_modules/pkg (or @scope/pkg), our top directories, or Node itself. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  const ours = /\/(src|dist|simulator|bench)\/([^/]+\/)?/.exec(url);
  // dist/ is src/ built: named as its source.
  const top = ours?.[1] === 'dist' ? 'src' : ours?.[1];
  if (ours) return ours[2] ? `${top}/${ours[2].slice(0, -1)}` : top!;
  return url;
}

/** Self time by package, of the samples taken within `window` (monotonic µs) if given. */
export function selfTimeByPackage(profile: Profile, window?: { from: number; to: number }): { name: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let all = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)!;
    const micros = profile.timeDeltas[index] ?? 0;
    at += micros;
    if (window && (at < window.from || at > window.to)) return;
    const name = packageOf(node.callFrame.url, node.callFrame.functionName);
    totals.set(name, (totals.get(name) ?? 0) + micros);
    all += micros;
  });
  return [...totals]
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / all }))
    .sort((a, b) => b.ms - a.ms);
}

/** A Markdown table of the top packages, `(idle)` left out of the shares: it is time the process had no work. */
export function summaryTable(profile: Profile, top = 20, window?: { from: number; to: number }): string {
  const rows = selfTimeByPackage(profile, window).filter((row) => row.name !== '(idle)');
  const busy = rows.reduce((sum, row) => sum + row.ms, 0);
  const lines = ['| package | self time | share of busy time |', '|---|---|---|'];
  for (const row of rows.slice(0, top)) lines.push(`| ${row.name} | ${row.ms.toFixed(0)} ms | ${((row.ms / busy) * 100).toFixed(1)} % |`);
  const rest = rows.slice(top).reduce((sum, row) => sum + row.ms, 0);
  if (rest > 0) lines.push(`| (${rows.length - top} others) | ${rest.toFixed(0)} ms | ${((rest / busy) * 100).toFixed(1)} % |`);
  return lines.join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  console.log(summaryTable(JSON.parse(readFileSync(file, 'utf8')) as Profile, top ? Number(top) : undefined));
}
