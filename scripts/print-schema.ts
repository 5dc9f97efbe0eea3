import { writeFileSync } from 'node:fs';
import { printedSchema } from '../src/schema/print.js';

writeFileSync(new URL('../schema.graphql', import.meta.url), printedSchema());
console.info('schema.graphql written');
