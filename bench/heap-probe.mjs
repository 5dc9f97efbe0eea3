// Loaded into the benchmarked gateway with --import (with --expose-gc): on SIGUSR2 it collects garbage and writes
// process.memoryUsage() to $HEAP_PROBE_FILE. A benchmark tool, not part of the product; plain JavaScript, so that the
// gateway runs with no TypeScript loader in it.
import { writeFileSync } from 'node:fs';

process.on('SIGUSR2', () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  writeFileSync(process.env.HEAP_PROBE_FILE ?? '/dev/null', JSON.stringify(process.memoryUsage()));
});
