import type { ChangeLog } from '../domain/change-events.ts';
import type { AddressPolicy } from './address-guard.ts';
import { type DeliveryDependencies, WebhookDeliverer, WebhookDispatcher } from './deliveries.ts';
import { WebhookEndpoints } from './endpoint-service.ts';

export interface WebhookSystemDependencies extends DeliveryDependencies {
  changes: ChangeLog;
  policy: AddressPolicy;
}

/**
 * The webhooks' three parts over one set of ports, wired the same way in every runtime (the cloud's
 * functions, npm start, the tests): the dispatcher that fans change events out to endpoints, the
 * deliverer that makes each attempt, and the endpoints' use cases behind /v1/webhooks.
 */
export function webhookSystem(deps: WebhookSystemDependencies): {
  dispatcher: WebhookDispatcher;
  deliverer: WebhookDeliverer;
  endpoints: WebhookEndpoints;
} {
  const deliverer = new WebhookDeliverer(deps);
  return {
    dispatcher: new WebhookDispatcher(deps),
    deliverer,
    endpoints: new WebhookEndpoints({ ...deps, deliverer }),
  };
}
