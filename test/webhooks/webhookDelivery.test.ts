import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';
import { waitFor } from '../support/waitFor.js';
import { WebhookReceiver, directoryWithWebhook, headersOf, type ReceivedWebhook, type WebhookAnswer } from '../support/webhookReceiver.js';

const HOUSING = 'cambridge-housing-options';

describe('Standard Webhooks signatures', () => {
  // The specification's published test vector: matching it means any Standard Webhooks library verifies us.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    payload: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };

  it('reproduces the known-answer vector', () => {
    expect(new Webhook(vector.secret).sign(vector.id, new Date(vector.timestamp * 1000), vector.payload)).toBe(vector.signature);
  });

  it('verifies the known-answer vector at its own time', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(vector.timestamp * 1000 + 10_000);
    try {
      const headers = { 'webhook-id': vector.id, 'webhook-timestamp': String(vector.timestamp), 'webhook-signature': vector.signature };
      expect(new Webhook(vector.secret).verify(vector.payload, headers)).toEqual({ test: 2432232314 });
    } finally {
      now.mockRestore();
    }
  });
});

describe('webhook delivery', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiverSide = new Webhook(secret);
  let running: RunningOneStory | undefined;
  let receiver: WebhookReceiver | undefined;

  afterEach(async () => {
    await running?.app.close();
    await receiver?.stop();
    running = undefined;
    receiver = undefined;
  });

  /** One Story with the sample directory, where the Cambridge housing team's webhook points at our receiver. */
  async function start(options: { script?: WebhookAnswer[]; retryBaseMs: number; dataDir?: string; encryptionKey?: string; existingReceiver?: WebhookReceiver; env?: Record<string, string> }) {
    receiver = options.existingReceiver ?? new WebhookReceiver(options.script);
    if (!options.existingReceiver) await receiver.start();
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'one-story-webhooks-')));
    const agenciesPath = await directoryWithWebhook(dataDir, HOUSING, receiver.url);
    running = await startOneStory({
      dataDir,
      encryptionKey: options.encryptionKey,
      env: {
        AGENCIES_PATH: agenciesPath,
        AGENCY_WEBHOOK_SECRETS: JSON.stringify({ [HOUSING]: secret }),
        WEBHOOK_RETRY_BASE_MS: String(options.retryBaseMs),
        WEBHOOK_RETRY_MAX_MS: String(options.retryBaseMs * 4),
        WEBHOOK_MAX_ATTEMPTS: '5',
        ...options.env,
      },
    });
    return { running, receiver };
  }

  const shareWithHousing = (app: RunningOneStory['app'], personId = 'person-1') =>
    app.sharing.share({ story: sampleStory(personId), agencyId: HOUSING, parts: ['housing', 'what-helps'], heldBack: [], wording, channel: 'webchat', supportedBy: null });

  const payloadOf = (request: ReceivedWebhook) => JSON.parse(request.body) as { type: string; timestamp: string; data: Record<string, unknown> };

  it('when the agency answers 500, 500, 200 should retry with the same message id, signed each time, and show "delivered"', async () => {
    const { running, receiver } = await start({ script: [500, 500, 200], retryBaseMs: 5 });
    const { handoffId } = await shareWithHousing(running.app);
    await waitFor(() => receiver.received.length >= 3, 'three delivery attempts');
    await waitFor(async () => (await running.app.sharing.sharedWith('person-1'))[0].status === 'delivered', 'the person to see "delivered"');

    expect(receiver.received.map((request) => request.answeredWith)).toEqual([500, 500, 200]);
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    for (const request of receiver.received) expect(() => receiverSide.verify(request.body, headersOf(request))).not.toThrow();

    const payload = payloadOf(receiver.received[2]);
    expect(payload.type).toBe('handoff.created');
    expect(payload.data).toMatchObject({ handoffId, version: 1, firstHandoffId: handoffId });
    const key = (await running.app.agencyKeys.create(HOUSING)).key;
    const pulled = (await (await fetch(`${running.baseUrl}/api/agency/handoffs/${handoffId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as HandoffSummary;
    // The same handoff; where it stands now (status, statusAt, statusHistory) only the API says, as it changes.
    const { status, statusAt, statusHistory, ...content } = pulled;
    expect(payload.data.summary).toEqual(content);
    expect({ status, statusAt, history: statusHistory?.map((event) => event.status) }).toEqual({ status: 'delivered', statusAt: statusHistory?.at(-1)?.at, history: ['sent', 'delivered'] });
    await running.app.webhooks.runDue();
    expect(receiver.received).toHaveLength(3); // nothing more once delivered
  });

  it('when the agency never answers should give up on that attempt at WEBHOOK_TIMEOUT_MS and retry later under the same id', async () => {
    const { running, receiver } = await start({ script: ['never'], retryBaseMs: 5, env: { WEBHOOK_TIMEOUT_MS: '200' } });
    await shareWithHousing(running.app);
    await waitFor(() => receiver.received.length >= 2, 'the retry after the attempt nobody answered');
    await waitFor(async () => (await running.app.sharing.sharedWith('person-1'))[0].status === 'delivered', 'the person to see "delivered"');

    const [unanswered, retried] = receiver.received;
    expect(unanswered.answeredWith).toBe('never');
    // One Story hung up on the request nobody answered rather than keep it open.
    expect(unanswered.closedUnanswered).toBe(true);
    expect(retried.answeredWith).toBe(200);
    expect(retried.headers['webhook-id']).toBe(unanswered.headers['webhook-id']);
    expect(retried.body).toBe(unanswered.body);
  });

  it('the receiver’s side rejects a tampered body, a stale timestamp and the wrong secret', async () => {
    const { running, receiver } = await start({ retryBaseMs: 5 });
    await shareWithHousing(running.app);
    const [request] = await waitFor(() => receiver.received.length >= 1 && receiver.received, 'a delivery');
    const headers = headersOf(request);
    expect(() => receiverSide.verify(request.body, headers)).not.toThrow();

    const tampered = request.body.replace('Sofa surfing', 'Sofa-surfing');
    expect(tampered).not.toBe(request.body);
    expect(() => receiverSide.verify(tampered, headers)).toThrow(WebhookVerificationError);

    const stale = new Date(Date.now() - 10 * 60_000);
    const staleHeaders = {
      ...headers,
      'webhook-timestamp': String(Math.floor(stale.getTime() / 1000)),
      'webhook-signature': receiverSide.sign(headers['webhook-id'], stale, request.body),
    };
    expect(() => receiverSide.verify(request.body, staleHeaders)).toThrow(/too old/);

    const otherAgency = new Webhook(`whsec_${randomBytes(32).toString('base64')}`);
    expect(() => otherAgency.verify(request.body, headers)).toThrow(WebhookVerificationError);
  });

  it('when the person withdraws should drop the queued handoff and tell the agency', async () => {
    // The first attempt fails; the retry is far off, so it is still queued when the person withdraws.
    const { running, receiver } = await start({ script: [503], retryBaseMs: 60_000 });
    const { handoffId } = await shareWithHousing(running.app);
    await waitFor(() => receiver.received.length >= 1, 'the first attempt');
    expect(await running.app.sharing.withdraw('person-1', HOUSING, 'webchat')).toBe(true);
    await waitFor(() => receiver.received.length >= 2, 'the withdrawal notice');
    await running.app.webhooks.runDue();

    expect(receiver.received.map((request) => payloadOf(request).type)).toEqual(['handoff.created', 'handoff.withdrawn']);
    const notice = receiver.received[1];
    expect(() => receiverSide.verify(notice.body, headersOf(notice))).not.toThrow();
    expect(payloadOf(notice).data).toMatchObject({ handoffIds: [handoffId] });
    expect(notice.body).not.toMatch(/Sofa|Sam/); // a withdrawal carries ids, not the story
    expect((await running.app.sharing.sharedWith('person-1'))[0].status).toBe('withdrawn');
  });

  it('when the person deletes their story should ask the agency to erase what it received', async () => {
    const { running, receiver } = await start({ retryBaseMs: 5 });
    const first = await shareWithHousing(running.app);
    await waitFor(() => receiver.received.length >= 1, 'the handoff');
    expect(await running.app.sharing.eraseEverything('person-1', 'webchat')).toBeGreaterThanOrEqual(1);
    await waitFor(() => receiver.received.length >= 2, 'the erasure request');
    const request = receiver.received[1];
    expect(payloadOf(request)).toMatchObject({ type: 'story.erasure_requested', data: { handoffIds: [first.handoffId], references: [first.reference] } });
    expect(() => receiverSide.verify(request.body, headersOf(request))).not.toThrow();
  });

  it('when One Story restarts between attempts should resume the retry under the same message id', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'one-story-webhooks-restart-'));
    const encryptionKey = randomBytes(32).toString('base64');
    const first = await start({ script: [500], retryBaseMs: 400, dataDir, encryptionKey });
    await shareWithHousing(first.running.app);
    await waitFor(() => first.receiver.received.length >= 1, 'the first attempt');
    await first.running.app.close();
    const keepReceiver = first.receiver;
    running = undefined;

    const second = await start({ retryBaseMs: 400, dataDir, encryptionKey, existingReceiver: keepReceiver });
    await waitFor(() => second.receiver.received.length >= 2, 'the retry after restart');
    await waitFor(async () => (await second.running.app.sharing.sharedWith('person-1'))[0].status === 'delivered', '"delivered"');
    const [before, after] = second.receiver.received;
    expect(before.answeredWith).toBe(500);
    expect(after.answeredWith).toBe(200);
    expect(after.headers['webhook-id']).toBe(before.headers['webhook-id']);
    expect(after.body).toBe(before.body);
  });
});
