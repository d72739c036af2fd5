import { SARATOV_MUNICIPALITIES } from '../seed/saratov-municipalities';

/** `npm run municipalities`: the municipality codes (and names) a registry import accepts. */
const width = Math.max(...SARATOV_MUNICIPALITIES.map((m) => m.code.length));
console.log(`${'code'.padEnd(width)}  name`);
for (const municipality of SARATOV_MUNICIPALITIES) console.log(`${municipality.code.padEnd(width)}  ${municipality.name}`);
console.log(`\n${SARATOV_MUNICIPALITIES.length} municipalities; the import's "municipality" column takes the code or the exact name.`);
