import { DirectLine, type Activity as DirectLineActivity } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable.js';
import type { Subscription } from 'rxjs/Subscription.js';

/**
 * The official Direct Line client (botframework-directlinejs) running in Node. It speaks through rxjs's
 * browser XMLHttpRequest by default; here the same requests go through fetch. Polling only, as Web Chat
 * does with `webSocket: false`.
 */
interface AjaxRequest {
  method?: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function fetchAjax(request: AjaxRequest): Observable<{ response: unknown; status: number }> {
  return Observable.create((subscriber: { next(value: unknown): void; error(error: unknown): void; complete(): void }) => {
    const controller = new AbortController();
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    fetch(request.url, { method: request.method ?? 'GET', headers: request.headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        const response = text ? (JSON.parse(text) as unknown) : null;
        if (res.ok) {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        } else {
          subscriber.error({ status: res.status, response, xhr: { getResponseHeader: (name: string) => res.headers.get(name) } });
        }
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) subscriber.error({ status: 0, error });
      });
    return () => controller.abort();
  });
}

/** A Web Chat-like client: collects every activity it receives, in order. */
export class DirectLineInNode {
  readonly directLine: DirectLine;
  readonly received: DirectLineActivity[] = [];
  readonly statuses: number[] = [];
  readonly errors: unknown[] = [];
  private readonly subscriptions: Subscription[] = [];

  constructor(options: { baseUrl: string; token: string; conversationId?: string; watermark?: string }) {
    this.directLine = new DirectLine({
      domain: `${options.baseUrl}/v3/directline`,
      token: options.token,
      conversationId: options.conversationId,
      watermark: options.watermark,
      webSocket: false,
      pollingInterval: 200,
      // Options the typings do not list: the transport, and a WebSocket that polling never uses.
      ...({ ajax: fetchAjax, WebSocket: class {} } as object),
    });
    this.subscriptions.push(this.directLine.connectionStatus$.subscribe((status) => this.statuses.push(status)));
    this.subscriptions.push(
      this.directLine.activity$.subscribe({ next: (activity) => this.received.push(activity), error: (error: unknown) => this.errors.push(error) }),
    );
  }

  /** Posts a message as Web Chat does, and resolves with the id the service gave it. */
  say(text: string, extra: Partial<DirectLineActivity> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      this.directLine
        .postActivity({ type: 'message', from: { id: 'whoever-the-client-says' }, text, ...extra } as DirectLineActivity)
        .subscribe({ next: resolve, error: reject });
    });
  }

  texts(): string[] {
    return this.received.filter((activity) => activity.type === 'message' && activity.from.role !== 'user').map((activity) => (activity as { text?: string }).text ?? '');
  }

  end(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.directLine.end();
  }
}

/** A new conversation's token, as the page gets it. */
export async function generateToken(baseUrl: string): Promise<{ conversationId: string; token: string }> {
  const response = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST' });
  if (!response.ok) throw new Error(`tokens/generate answered ${response.status}`);
  return (await response.json()) as { conversationId: string; token: string };
}
