// CI: the Node versions package.json promises (engines.node) must be ones every installed dependency accepts.
// Prints each package that asks for more, and exits 1 if any does.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

const root = resolve(import.meta.dirname, '..');
const declared = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const offenders: string[] = [];
const seen = new Set<string>();

function visit(modules: string): void {
  let entries: string[];
  try {
    entries = readdirSync(modules);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      visit(resolve(modules, entry));
      continue;
    }
    const dir = resolve(modules, entry);
    try {
      const manifest = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { name: string; version: string; engines?: { node?: string } };
      const key = `${manifest.name}@${manifest.version}`;
      const wanted = manifest.engines?.node;
      if (!seen.has(key) && wanted && semver.validRange(wanted) && !semver.subset(declared, wanted)) offenders.push(`${key} needs node ${wanted}`);
      seen.add(key);
    } catch {
      // not a package directory
    }
    visit(resolve(dir, 'node_modules'));
  }
}

visit(resolve(root, 'node_modules'));
if (offenders.length > 0) {
  console.error(`engines.node is "${declared}", but these installed packages ask for more:\n  ${offenders.join('\n  ')}`);
  process.exit(1);
}
console.info(`engines.node "${declared}": accepted by all ${seen.size} installed packages`);
