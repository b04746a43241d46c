import type { TFunction } from 'i18next';
import { z } from 'zod';

/**
 * The least an activity must have before the bot will look at it. Anything less is answered 400 with
 * a stable error code rather than failing somewhere inside the SDK.
 */
const ChannelAccount = z.object({ id: z.string().min(1).max(1024) }).passthrough();

export const IncomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    conversation: ChannelAccount,
    from: ChannelAccount,
    recipient: ChannelAccount.optional(),
    text: z.string().max(100_000).optional(),
    locale: z.string().max(64).optional(),
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
    fields: [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))],
  };
}
