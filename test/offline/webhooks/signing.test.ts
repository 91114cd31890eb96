import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSigningSecret, signedHeaders, signingSecrets } from '../../../functions/webhooks/signing.ts';

const AT = new Date();

describe('webhook signing', () => {
  it('should make secrets of the whsec_ form with 32 random bytes', () => {
    // Act
    const secret = newSigningSecret();

    // Assess
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('should sign so that the standardwebhooks verifier accepts the body with either secret while a roll lasts', () => {
    // Prepare
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const body = JSON.stringify({ type: 'need.updated', data: { id: 'evt_1' } });

    // Act
    const headers = signedHeaders('evt_1', body, [current, previous], AT);

    // Assess
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(AT.getTime() / 1000)));
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });

  it('should stop signing with a rolled secret once its day is over', () => {
    // Prepare
    const now = Date.parse('2026-03-02T00:00:00Z');
    const secrets = [
      { secret: 'whsec_new', createdAt: '2026-03-01T00:00:00Z' },
      { secret: 'whsec_old', createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-03-01T12:00:00Z' },
      { secret: 'whsec_rolled', createdAt: '2026-02-01T00:00:00Z', expiresAt: '2026-03-02T12:00:00Z' },
    ];

    // Act
    const signing = signingSecrets(secrets, now);

    // Assess
    expect(signing).toEqual(['whsec_new', 'whsec_rolled']);
  });
});
