// Writes src/store/pglite-template-<version>.tar.gz: a new PGlite data directory (what initdb makes), for the installed
// PGlite. A gateway's first start on a new DATA_DIR unpacks it instead of running initdb, which takes seconds and
// peaks near 1 GB of memory. Run it again after changing PGlite's version: `npm run pglite:template`.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplate, pgliteVersion } from '../src/store/pglite-thread.js';

const store = new URL('../src/store/', import.meta.url);
for (const old of readdirSync(store).filter((name) => name.startsWith('pglite-template-'))) rmSync(new URL(old, store));
const db = await PGlite.create();
const dump = await db.dumpDataDir('gzip');
await db.close();
const file = pgliteTemplate();
writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
console.log(`wrote ${file.pathname} for PGlite ${pgliteVersion()} (${dump.size} bytes)`);
