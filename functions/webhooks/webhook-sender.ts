import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  type AddressPolicy,
  AddressRefusedError,
  checkAddress,
  type Resolver,
  resolveChecked,
} from './address-guard.ts';
import type { SendResult, WebhookSender } from './ports.ts';

/** A delivery waits at most this long for the whole answer. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** How much of an answer the delivery log keeps. */
export const RESPONSE_START_BYTES = 500;

/**
 * Posts deliveries with Node's own HTTP client: it follows no redirects, and its `lookup` is
 * replaced by one that resolves the name now, refuses it if any address is in a refused range, and
 * hands the socket exactly the address it checked, so what was checked is what is connected to.
 */
export class GuardedWebhookSender implements WebhookSender {
  constructor(
    private readonly policy: AddressPolicy,
    private readonly resolve: Resolver,
    private readonly timeoutMs = DELIVERY_TIMEOUT_MS,
  ) {}

  async post(rawUrl: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const url = new URL(rawUrl);
    let refusal: AddressRefusedError | undefined;
    const lookup: LookupFunction = (hostname, options, callback) => {
      resolveChecked(hostname, this.resolve, this.policy).then(
        ({ address, family }) =>
          // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily): give it the one checked.
          options.all
            ? (callback as unknown as (e: null, all: { address: string; family: number }[]) => void)(null, [
                { address, family },
              ])
            : callback(null, address, family),
        (error: Error) => {
          if (error instanceof AddressRefusedError) refusal = error;
          callback(Object.assign(error, { code: 'EREFUSED' }) as NodeJS.ErrnoException, '', 4);
        },
      );
    };
    // An address literal never reaches `lookup`: it is checked here instead.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal)) {
      try {
        checkAddress(literal, this.policy);
      } catch (error) {
        return { durationMs: elapsed(), response: (error as Error).message, refused: true };
      }
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const request = client.request(
        url,
        {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'PartnershipRecords-Webhooks/1',
          },
          lookup,
          // One connection per attempt: a pooled socket would skip the address check.
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let length = 0;
          response.on('data', (chunk: Buffer) => {
            if (length < RESPONSE_START_BYTES) chunks.push(chunk);
            length += chunk.length;
            if (length >= RESPONSE_START_BYTES) response.destroy();
          });
          const done = () =>
            finish({
              status: response.statusCode,
              retryAfter: header(response.headers['retry-after']),
              durationMs: elapsed(),
              response: Buffer.concat(chunks).subarray(0, RESPONSE_START_BYTES).toString('utf8'),
            });
          response.on('end', done);
          response.on('close', done);
          response.on('error', done);
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        finish({ durationMs: elapsed(), response: `no answer within ${this.timeoutMs / 1000} s` });
      }, this.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (refusal) finish({ durationMs: elapsed(), response: refusal.message, refused: true });
        else finish({ durationMs: elapsed(), response: `no answer: ${error.code ?? error.message}` });
      });
      request.end(body);
    });
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
