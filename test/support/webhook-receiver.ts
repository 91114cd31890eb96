import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';

/** One request a receiver got, as it came: the raw body and the headers. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  answered: number | 'nothing' | 'hang';
  /** When it came (Date.now(), which a test on a virtual clock sets). */
  at: number;
}

/** How the receiver answers one request: a status (with headers), or nothing at all (the socket is dropped). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'nothing' | 'hang';

/**
 * A webhook consumer on this machine: a real HTTP server on 127.0.0.1 that keeps every request
 * and answers as the test says, so deliveries cross a real socket.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (request: { headers: Record<string, string>; body: string }) => Answer = () => ({ status: 204 });
  private server?: http.Server;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = receiver.answer({ headers, body });
        receiver.received.push({
          headers,
          body,
          answered: typeof answer === 'string' ? answer : answer.status,
          at: Date.now(),
        });
        if (answer === 'nothing') req.socket.destroy();
        if (typeof answer === 'string') return;
        res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => receiver.server!.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  /**
   * The deliveries answered with a 2xx, each verified with the standardwebhooks package as it was
   * when it came (the verifier refuses timestamps more than five minutes from its clock); throws
   * if one does not verify.
   */
  verifiedDeliveries(
    secret: string,
  ): { id: string; payload: { type: string; data: Record<string, unknown> } }[] {
    const realNow = Date.now();
    try {
      return this.received
        .filter((r) => typeof r.answered === 'number' && r.answered >= 200 && r.answered < 300)
        .map((r) => {
          vi.setSystemTime(r.at);
          return {
            id: r.headers['webhook-id']!,
            payload: new Webhook(secret).verify(r.body, r.headers) as {
              type: string;
              data: Record<string, unknown>;
            },
          };
        });
    } finally {
      vi.setSystemTime(realNow);
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
