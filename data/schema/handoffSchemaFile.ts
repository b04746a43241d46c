import { join } from 'node:path';
import { handoffJsonSchema } from '../../domain/sharing/handoffSummary.js';
import { projectRoot } from '../paths.js';

/** The handoff JSON Schema kept in the repository, so agencies can read it without running One Story. */
export const HANDOFF_SCHEMA_PATH = join(projectRoot(), 'data', 'schema', 'handoff.schema.json');

export function handoffSchemaFileText(): string {
  return JSON.stringify(handoffJsonSchema(), null, 2) + '\n';
}
