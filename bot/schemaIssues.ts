import type { TFunction } from 'i18next';
import type { z } from 'zod';

/* Describing what a zod schema found wrong (configuration, meta.json), for the operator, in their copy. */

/** zod's own messages can quote the value received; ours must not, so only the rule is described. */
export function describeIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'invalid_value':
      return t('operator.config.oneOf', { values: issue.values.map(String).join(', ') });
    case 'invalid_type':
      return t('operator.config.ofType', { type: issue.expected });
    case 'too_small':
      return t('operator.config.atLeast', { minimum: String(issue.minimum) });
    case 'too_big':
      return t('operator.config.atMost', { maximum: String(issue.maximum) });
    case 'custom':
      // Our rules' messages are copy keys; a rule may give what its sentence names (never a value given).
      return String(t(issue.message, issue.params ?? {}));
    default:
      return t('operator.config.invalid');
  }
}

/**
 * Which fields of a request a zod schema refused, for the client's error answer: the schema's own field
 * names and list positions (`from.id`, `entities`), never a value, and never a key the client made up.
 */
export function refusedFields(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path.map(String).join('.') || '(body)'))];
}
