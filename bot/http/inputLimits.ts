import { z } from 'zod';

/**
 * How big and how deep parsed input may be, checked before any route reads it. A body within the byte
 * limit can still be 100,000 levels deep (which no JSON serialiser can write back), hold 60,000 list items,
 * or one 400,000-character string: each is refused here with a stable code, never passed on.
 */
export interface JsonLimits {
  /** Levels of nesting: a flat object is 1, an object in it 2. */
  depth: number;
  /** Values in all (objects, lists, strings, numbers …). */
  nodes: number;
  /** Entries of any one object or list. */
  items: number;
  /** Characters of any one string. */
  stringLength: number;
  /** Characters of any one object key. */
  keyLength: number;
}

/** What was too much, as the stable error code a client receives. */
export type BrokenLimit = 'too_deep' | 'too_many_items' | 'string_too_long';

/** Largest request body read at all, in bytes: a long message is welcome, a megabyte of anything is not. */
export const MAX_BODY_BYTES = 512 * 1024;

/** Every JSON body, whatever the route: generous for any real Bot Framework activity (Teams, Twilio, Web Chat). */
export const BODY_LIMITS: JsonLimits = { depth: 32, nodes: 10_000, items: 1_000, stringLength: 100_000, keyLength: 256 };

/** What a button or card sends back with an activity (`value`): a choice's id, a small form's fields. */
export const VALUE_LIMITS: JsonLimits = { depth: 8, nodes: 500, items: 100, stringLength: 10_000, keyLength: 256 };

/** Every query string (our routes read a few flat parameters). */
export const QUERY_LIMITS: JsonLimits = { depth: 2, nodes: 64, items: 32, stringLength: 2_048, keyLength: 64 };

/**
 * The first limit `value` breaks, or undefined. It walks with its own stack, never recursion, so the check
 * itself cannot overflow on the input it exists to refuse; it stops at the first problem.
 */
export function brokenLimit(value: unknown, limits: JsonLimits): BrokenLimit | undefined {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let nodes = 0;
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (++nodes > limits.nodes) return 'too_many_items';
    if (typeof next.value === 'string') {
      if (next.value.length > limits.stringLength) return 'string_too_long';
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limits.depth) return 'too_deep';
    const children: unknown[] = Array.isArray(next.value) ? next.value : Object.values(next.value);
    if (children.length > limits.items) return 'too_many_items';
    if (!Array.isArray(next.value) && Object.keys(next.value).some((key) => key.length > limits.keyLength)) return 'string_too_long';
    for (const child of children) pending.push({ value: child, depth });
  }
  return undefined;
}

/** Any JSON value within `limits`: for the free-form parts of an activity (`value`, `channelData`). */
export function boundedJson(limits: JsonLimits) {
  return z.unknown().superRefine((value, context) => {
    const broken = brokenLimit(value, limits);
    if (broken) context.addIssue({ code: 'custom', message: broken, input: undefined });
  });
}
