import type { TFunction } from 'i18next';
import { z } from 'zod';
import { VALUE_LIMITS, boundedJson } from './http/inputLimits.js';
import { refusedFields } from './schemaIssues.js';

/**
 * The least an activity must have before the bot will look at it, and the most it may carry: what the
 * bot reads is typed and bounded here, and whatever else a channel adds is held to the limits every body
 * is (bot/http/inputLimits.ts). Anything else is answered 400 with a stable error code rather than
 * failing somewhere inside the SDK.
 */
const Id = z.string().min(1).max(1024);
const ChannelAccount = z.object({ id: Id, name: z.string().max(1024).optional(), role: z.string().max(64).optional() }).passthrough();
/** A person's message: as long as anyone writes one (the body's byte limit comes first). */
export const MAX_ACTIVITY_TEXT = 100_000;

export const IncomingActivitySchema = z
  .object({
    // The bot answers no invoke (Teams' card actions, sign-in …): the SDK's answer to one would be a 501.
    type: z
      .string()
      .min(1)
      .max(64)
      .refine((type) => type !== 'invoke'),
    id: z.string().max(1024).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    conversation: ChannelAccount,
    from: ChannelAccount,
    recipient: ChannelAccount.optional(),
    text: z.string().max(MAX_ACTIVITY_TEXT).optional(),
    locale: z.string().max(64).optional(),
    replyToId: z.string().max(1024).optional(),
    name: z.string().max(256).optional(),
    value: boundedJson(VALUE_LIMITS).optional(),
    membersAdded: z.array(ChannelAccount).max(64).optional(),
    membersRemoved: z.array(ChannelAccount).max(64).optional(),
    entities: z.array(z.unknown()).max(32).optional(),
    attachments: z.array(z.unknown()).max(16).optional(),
  })
  .passthrough();

export interface ActivityProblem {
  code: 'invalid_activity';
  message: string;
  fields: string[];
}

export function checkIncomingActivity(body: unknown, t: TFunction): ActivityProblem | undefined {
  const parsed = IncomingActivitySchema.safeParse(body);
  if (parsed.success) return undefined;
  return {
    code: 'invalid_activity',
    message: t('api.messages.invalidActivity'),
    fields: refusedFields(parsed.error),
  };
}
