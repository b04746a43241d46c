import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: a token cannot be guessed, only stolen. */
const TOKEN_BYTES = 32;
/** 16 random bytes: conversation and user ids appear in request paths, so they carry no meaning and are unguessable. */
const ID_BYTES = 16;

/** A fresh token for a local Direct Line conversation. */
export function newConversationToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A fresh random id (a conversation's, or with a prefix a user's). */
export function newConversationId(prefix = ''): string {
  return `${prefix}${randomBytes(ID_BYTES).toString('base64url')}`;
}

/**
 * What is kept of a token: its SHA-256. A token is 256 random bits, so no salt or slow hash is needed; a
 * stolen copy of the store opens no conversation, and looking a token up by its hash says nothing about
 * any other token.
 */
export function hashConversationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** The id of the activity at this position of a conversation, as Direct Line numbers them. */
export function activityId(conversationId: string, position: number): string {
  return `${conversationId}|${String(position).padStart(7, '0')}`;
}

/** A watermark as a position: absent or unreadable reads as the start. */
export function readWatermark(watermark: string | undefined): number {
  return watermark && /^\d{1,12}$/.test(watermark) ? Number(watermark) : 0;
}
