import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger.js';
import type { ConversationRegistry } from './conversationRegistry.js';
import { LOCAL_BOT_ACCOUNT } from './directLineRoutes.js';

/**
 * The Bot Connector routes the bot posts its replies to (`${serviceUrl}/v3/conversations/:id/activities`
 * and `…/activities/:replyToId`), the same calls it makes to Azure Bot Service. A reply is added to the
 * conversation's activity log, where the Direct Line client reads it.
 *
 * They carry no authentication because, with no MicrosoftAppId, the bot sends none; so they accept only
 * live local conversations and only calls from this machine (the bot calls itself over loopback).
 */
export function registerConnectorRoutes(server: Server, options: { registry: ConversationRegistry; log: Logger }): void {
  const receiveReply = async (req: Request, res: Response) => {
    if (!isLoopback(req.socket?.remoteAddress)) {
      res.send(403, { error: { code: 'Forbidden', message: 'Only the bot on this machine may post replies.' } });
      return;
    }
    const conversation = options.registry.live(String(req.params.conversationId));
    if (!conversation) {
      res.send(404, { error: { code: 'ConversationNotFound', message: 'The conversation has ended.' } });
      return;
    }
    const body = (req.body ?? {}) as Partial<Activity>;
    if (typeof body !== 'object' || typeof body.type !== 'string') {
      res.send(400, { error: { code: 'BadArgument', message: 'The body is not an activity.' } });
      return;
    }
    const { serviceUrl: _serviceUrl, ...reply } = body;
    const logged = conversation.log.append(
      {
        ...reply,
        channelId: conversation.channelId,
        conversation: { id: conversation.id } as Activity['conversation'],
        from: { ...LOCAL_BOT_ACCOUNT, ...(reply.from ?? {}), role: 'bot' } as Activity['from'],
        recipient: { id: conversation.userId, role: 'user' } as Activity['recipient'],
        ...(req.params.replyToId ? { replyToId: String(req.params.replyToId) } : {}),
      },
      options.registry.now(),
    );
    options.log.debug('directline.reply', { activityType: logged.type });
    res.send(200, { id: logged.id });
  };

  server.post('/v3/conversations/:conversationId/activities', receiveReply);
  server.post('/v3/conversations/:conversationId/activities/:replyToId', receiveReply);
}

/** True for an address on this machine (IPv4, IPv6 or IPv4-mapped IPv6 loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
