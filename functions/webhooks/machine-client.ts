import { changeScopeOf } from '../domain/change-feed.ts';
import { AccessDeniedError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';

/** A client keeps at most this many endpoints. */
export const MAX_ENDPOINTS_PER_CLIENT = 10;
/** One redelivery "since" queues at most this many change events; ask again from the last one's time for more. */
export const MAX_REDELIVERY = 5000;

/**
 * Refuses anyone but a machine client with a records scope: this depends only on who is asking, so
 * it comes first. Kept apart from the endpoints' service so that the routes can check it without
 * bundling the deliveries.
 */
export function requireClient(principal: Principal): void {
  if (principal.kind !== 'client') {
    throw new AccessDeniedError(
      'Webhook endpoints belong to machine clients: call with a machine client token (docs/deploy.md, "Machine clients"). People can follow changes with GET /v1/changes.',
    );
  }
  changeScopeOf(principal, []);
}
