import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { problemResponse } from './problem.ts';

/**
 * The header CloudFront adds to every request it forwards to the API, carrying a secret only
 * CloudFront and the function know. API Gateway's own address stays reachable (HTTP APIs cannot
 * switch it off without a custom domain on the API itself), so the app refuses any request that did
 * not come through CloudFront and its web application firewall.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

function sameSecret(given: string, expected: Buffer): boolean {
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** Refuses requests without the CloudFront secret, before anything else runs or is looked up. */
export function requireOriginSecret(secret: string): MiddlewareHandler {
  const expected = Buffer.from(secret);
  return async (c, next) => {
    const given = c.req.header(ORIGIN_VERIFY_HEADER);
    if (!given || !sameSecret(given, expected)) {
      return problemResponse(
        c,
        'forbidden',
        'This address is not served directly. Call the API at its published URL (the ApiUrl or MachineApiUrl of the deployment).',
        { title: 'Use the published address' },
      );
    }
    await next();
  };
}
