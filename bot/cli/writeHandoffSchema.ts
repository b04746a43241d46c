import { writeFile } from 'node:fs/promises';
import { HANDOFF_SCHEMA_PATH, handoffSchemaFileText } from '../../data/schema/handoffSchemaFile.js';
import { operatorCopy } from '../i18n.js';

/** `npm run schema:handoff`: regenerates data/schema/handoff.schema.json from the zod schema. */
await writeFile(HANDOFF_SCHEMA_PATH, handoffSchemaFileText(), 'utf8');
const t = operatorCopy();
process.stdout.write(`${t('operator.wrote', { path: HANDOFF_SCHEMA_PATH })}\n`);
