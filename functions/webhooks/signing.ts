import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { EndpointSecret } from './endpoint.ts';

/** How long a rolled-over secret keeps signing beside the new one, so consumers can switch without a gap. */
export const ROLLED_SECRET_MS = 24 * 60 * 60 * 1000;

/** A new signing secret: `whsec_` and base64 of 32 random bytes (the specification allows 24 to 64). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secrets that sign now: the current one, and a rolled one until its day is over. */
export function signingSecrets(secrets: readonly EndpointSecret[], now: number): string[] {
  return secrets.filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now).map((s) => s.secret);
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` (the change event's id, the same on
 * every retry), `webhook-timestamp` (this attempt, Unix seconds) and `webhook-signature`, one
 * `v1,<base64 HMAC-SHA256>` per signing secret, space-separated, signed by the standardwebhooks
 * package itself.
 */
export function signedHeaders(
  messageId: string,
  body: string,
  secrets: readonly string[],
  at: Date,
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' '),
  };
}
