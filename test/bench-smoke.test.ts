import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Results {
  metrics: { metric: string; value: number; unit: string; bar: string; pass: boolean }[];
  raw: Record<string, Record<string, unknown>>;
}

// `npm run bench --smoke`: every arm at tiny sizes, so the benchmark cannot rot. Timings are not judged here; the
// exact upstream call counts and the bulk delete's correctness are.
describe('benchmark smoke run', () => {
  it('runs every arm and gets the upstream call counts exactly right', { timeout: 240_000 }, async () => {
    const out = mkdtempSync(resolve(tmpdir(), 'bench-smoke-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const [code] = await once(child, 'exit');
    expect(code, output).toBe(0);
    const results = JSON.parse(readFileSync(resolve(out, 'results.json'), 'utf8')) as Results;
    const byName = new Map(results.metrics.map((m) => [m.metric, m]));
    expect([...byName.keys()].sort()).toEqual(
      [
        'overhead.latency.throughput_vs_floor', 'overhead.latency.p50_vs_floor', 'overhead.cpu.gateway_cpu_vs_floor',
        'calls.page_list_fields', 'calls.page_with_topic', 'calls.page_members_state', 'calls.same_room_three_aliases', 'calls.fifty_concurrent_identical',
        'composite.gateway_time_ratio', 'bulk_delete.speedup', 'bulk_delete.lost', 'bulk_delete.duplicates',
        'fanout.polls_per_second_ratio_10k_vs_1k', 'fanout.heap_per_subscriber', 'fanout.rss_per_subscriber',
        'fanout.p99_delay_to_last_subscriber', 'fanout.cpu_per_delivered_message',
        'protection.health_max_during_anonymous_flood', 'protection.garbage_token_upstream_calls', 'protection.viewer_p50_during_heavy',
      ].sort(),
    );
    for (const [name, expected] of [['page_list_fields', 1], ['page_with_topic', 101], ['page_members_state', 201], ['same_room_three_aliases', 1], ['fifty_concurrent_identical', 5050]] as const) {
      expect(byName.get(`calls.${name}`)).toMatchObject({ value: expected, pass: true });
    }
    for (const regime of ['overhead.latency-bound', 'overhead.cpu-bound']) {
      const arms = results.raw[regime] as Record<'direct' | 'floor' | 'gateway', { requests: number; errors: number }>;
      for (const arm of [arms.direct, arms.floor, arms.gateway]) expect(arm).toMatchObject({ requests: expect.any(Number), errors: 0 });
      expect(Math.min(arms.direct.requests, arms.floor.requests, arms.gateway.requests)).toBeGreaterThan(0);
    }
    expect(byName.get('bulk_delete.lost')).toMatchObject({ value: 0, pass: true });
    expect(byName.get('protection.garbage_token_upstream_calls')).toMatchObject({ pass: true });
    expect(byName.get('bulk_delete.duplicates')).toMatchObject({ value: 0, pass: true });
    const fanout = results.raw.fanout as Record<string, { delivered: number; errors: number; changesMeasured: number }>;
    for (const run of Object.values(fanout)) {
      expect(run.delivered).toBeGreaterThan(0);
      expect(run.changesMeasured).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
    }
    expect(readFileSync(resolve(out, 'RESULTS.md'), 'utf8')).toContain('| calls.page_with_topic | 101 calls | == 101 | pass |');
  });
});
