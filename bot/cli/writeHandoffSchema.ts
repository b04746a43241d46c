import { writeFile } from 'node:fs/promises';
import { HANDOFF_SCHEMA_PATH, handoffSchemaFileText } from '../../data/schema/handoffSchemaFile.js';

/** `npm run schema:handoff`: regenerates data/schema/handoff.schema.json from the zod schema. */
await writeFile(HANDOFF_SCHEMA_PATH, handoffSchemaFileText(), 'utf8');
process.stdout.write(`Wrote ${HANDOFF_SCHEMA_PATH}\n`);
