import * as z from 'zod/mini';
import '../../zod-english.ts';
import { BadRequestError, UnavailableError } from '../../domain/errors.ts';
import { MAX_LIMIT } from '../../domain/record-repository.ts';
import type { EndpointView } from '../../webhooks/endpoint.ts';
import type { WebhookEndpoints } from '../../webhooks/endpoint-service.ts';
import { MAX_ENDPOINTS_PER_CLIENT, MAX_REDELIVERY, requireClient } from '../../webhooks/machine-client.ts';
import { AreaRoutes, type BodyDeclaration, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import { etag, ifMatchVersionOf, queryFields } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const MAX_BODY = 16 * 1024;

const endpointId = z.string().check(
  z.regex(/^ep_[0-9a-f]{24}$/, {
    error: 'expected a webhook endpoint id like ep_3f7c2b9a0d4e4f1a8b6c5d2e',
  }),
);
const params = { id: endpointId };

const url = z.string().check(z.minLength(1), z.maxLength(2000, { error: 'must be at most 2000 characters' }));
const eventTypes = z
  .array(z.string().check(z.minLength(1), z.maxLength(120)))
  .check(z.minLength(1, { error: 'name at least one event type (* for all)' }), z.maxLength(50));
const regionIds = z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(20));
const contactEmail = z
  .email({ error: 'expected an email address to tell when the endpoint is disabled' })
  .check(z.maxLength(254));
const description = z.string().check(z.maxLength(500));

const unknownFields = (keys: string[]) => `unknown field(s) ${keys.join(', ')}`;
const body = <S extends z.ZodMiniType>(schema: S, shape: string): BodyDeclaration<S> => ({
  schema,
  maxBytes: MAX_BODY,
  refusal: `The body must be ${shape}.`,
  unknownKeys: unknownFields,
});

// Every route here is a machine client's: a person is refused before the request is read.
const who = requireClient;

const registerWebhook = defineRoute({
  method: 'post',
  path: '/v1/webhooks',
  who,
  body: body(
    z.strictObject({
      url,
      eventTypes,
      regionIds: z.optional(regionIds),
      contactEmail,
      description: z.optional(description),
    }),
    '{"url": "https://…", "eventTypes": ["need.*"], "regionIds"?: [...], "contactEmail": "...", "description"?: "..."}',
  ),
});
const listWebhooks = defineRoute({ method: 'get', path: '/v1/webhooks', who });
const getWebhook = defineRoute({ method: 'get', path: '/v1/webhooks/{id}', who, params });
const changeWebhook = defineRoute({
  method: 'patch',
  path: '/v1/webhooks/{id}',
  who,
  params,
  headers: { 'if-match': z.optional(z.string().check(z.maxLength(20))) },
  body: body(
    z.strictObject({
      url: z.optional(url),
      eventTypes: z.optional(eventTypes),
      regionIds: z.optional(regionIds),
      contactEmail: z.optional(contactEmail),
      description: z.optional(description),
      status: z.optional(z.enum(['enabled', 'disabled'], { error: 'expected enabled or disabled' })),
    }),
    'the fields to change: url, eventTypes, regionIds, contactEmail, description, status',
  ),
});
const deleteWebhook = defineRoute({ method: 'delete', path: '/v1/webhooks/{id}', who, params });
const rollWebhookSecret = defineRoute({ method: 'post', path: '/v1/webhooks/{id}/roll-secret', who, params });
const listWebhookDeliveries = defineRoute({
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  who,
  params,
  query: { limit: queryFields.limit, cursor: queryFields.cursor },
});
const redeliverWebhook = defineRoute({
  method: 'post',
  path: '/v1/webhooks/{id}/redeliveries',
  who,
  params,
  body: body(
    z.strictObject({
      eventId: z.optional(
        z.string().check(z.regex(/^evt_[0-9a-f]{32}$/, { error: 'expected a change event id' })),
      ),
      since: z.optional(
        z.iso.datetime({ offset: true, error: 'expected an ISO timestamp like 2026-03-01T00:00:00Z' }),
      ),
    }),
    '{"eventId": "evt_…"} or {"since": "2026-03-01T00:00:00Z"}',
  ),
});
const pingWebhook = defineRoute({ method: 'post', path: '/v1/webhooks/{id}/ping', who, params });

/**
 * A machine client's webhook endpoints, `/v1/webhooks`: register (the signing secret is shown
 * once), list, read, change, delete, roll the secret, the delivery log, redelivery and a test
 * ping. Only machine clients; each sees only its own endpoints (another's id answers 404).
 */
export function webhooksArea(endpoints: WebhookEndpoints | undefined): RouteArea {
  const area = new AreaRoutes('/v1/webhooks');
  const service = () => {
    if (!endpoints) throw new UnavailableError('Webhooks are not set up on this server.');
    return endpoints;
  };
  const withEtag = (c: { header: (name: string, value: string) => void }, view: EndpointView) => {
    c.header('ETag', etag(view.version));
    return view;
  };

  area.on(registerWebhook, async (c, { body }) => {
    const made = await service().register(c.get('principal'), body);
    c.header('Location', `/v1/webhooks/${made.endpoint.id}`);
    withEtag(c, made.endpoint);
    return c.json(made, 201);
  });
  area.on(listWebhooks, async (c) => c.json({ items: await service().list(c.get('principal')) }));
  area.on(getWebhook, async (c, { params }) =>
    c.json(withEtag(c, await service().get(c.get('principal'), params.id))),
  );
  area.on(changeWebhook, async (c, { params, headers, body }) => {
    const version = ifMatchVersionOf(headers['if-match'], false);
    return c.json(withEtag(c, await service().change(c.get('principal'), params.id, body, version)));
  });
  area.on(deleteWebhook, async (c, { params }) => {
    await service().remove(c.get('principal'), params.id);
    return c.body(null, 204);
  });
  area.on(rollWebhookSecret, async (c, { params }) => {
    const rolled = await service().rollSecret(c.get('principal'), params.id);
    withEtag(c, rolled.endpoint);
    return c.json(rolled);
  });
  area.on(listWebhookDeliveries, async (c, { params, query }) =>
    c.json(await service().deliveries(c.get('principal'), params.id, query.limit ?? 50, query.cursor)),
  );
  area.on(redeliverWebhook, async (c, { params, body }) => {
    if (!body.eventId === !body.since) {
      throw new BadRequestError(
        'Name one change event (eventId) or a time (since) to redeliver from, not both.',
        [{ field: 'body', message: 'expected {"eventId": "evt_…"} or {"since": "2026-03-01T00:00:00Z"}' }],
      );
    }
    return c.json(await service().redeliver(c.get('principal'), params.id, body), 202);
  });
  area.on(pingWebhook, async (c, { params }) => c.json(await service().ping(c.get('principal'), params.id)));

  return { name: 'webhooks', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

// --- The OpenAPI document (build time only: see operation-doc.ts) ---

const string = (maxLength: number, description?: string) => ({
  type: 'string',
  maxLength,
  ...(description ? { description } : {}),
});
const time = (description: string) => ({ type: 'string', format: 'date-time', maxLength: 40, description });

const endpointSchema = {
  type: 'object',
  required: [
    'id',
    'clientId',
    'url',
    'eventTypes',
    'regionIds',
    'contactEmail',
    'status',
    'createdAt',
    'updatedAt',
    'version',
  ],
  additionalProperties: false,
  properties: {
    id: string(30, 'The endpoint’s id (ep_…)'),
    clientId: string(200, 'The machine client it belongs to'),
    url: { type: 'string', format: 'uri', maxLength: 2000, description: 'Where deliveries are posted' },
    description: string(500),
    eventTypes: {
      type: 'array',
      maxItems: 50,
      items: string(120),
      description: 'need.updated, need.* or * (every type the client may read)',
    },
    regionIds: {
      type: 'array',
      maxItems: 20,
      items: string(100),
      description: 'Only changes of these regions; none: every region the client may read',
    },
    contactEmail: {
      type: 'string',
      format: 'email',
      maxLength: 254,
      description: 'Told when the endpoint is disabled',
    },
    status: { type: 'string', enum: ['enabled', 'disabled'] },
    disabledReason: string(1000, 'Why it was disabled (410 Gone, three days of failures, or by the client)'),
    disabledAt: time('When it was disabled'),
    previousSecretExpiresAt: time('After a roll: the old secret signs beside the new one until then'),
    createdAt: time('When it was registered'),
    updatedAt: time('When it last changed'),
    version: {
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: 1_000_000_000,
      description: 'Send it as If-Match to change it',
    },
  },
};

const withSecret = {
  type: 'object',
  required: ['endpoint', 'secret'],
  additionalProperties: false,
  properties: {
    endpoint: endpointSchema,
    secret: {
      type: 'string',
      maxLength: 200,
      pattern: '^whsec_[A-Za-z0-9+/=]+$',
      description: 'The signing secret, shown this once: keep it where your receiver can read it',
    },
  },
};

const attemptSchema = {
  type: 'object',
  required: [
    'endpointId',
    'eventId',
    'eventType',
    'attempt',
    'trigger',
    'at',
    'outcome',
    'durationMs',
    'response',
  ],
  additionalProperties: false,
  properties: {
    endpointId: string(30),
    eventId: string(60, 'The change event, and the webhook-id header of the delivery'),
    eventType: string(120),
    attempt: { type: 'integer', format: 'int32', minimum: 1, maximum: 100 },
    trigger: { type: 'string', enum: ['change', 'retry', 'redelivery', 'ping'] },
    at: time('When the attempt was answered'),
    outcome: { type: 'string', enum: ['delivered', 'failed', 'gave-up', 'refused', 'disabled'] },
    status: {
      type: 'integer',
      format: 'int32',
      minimum: 100,
      maximum: 599,
      description: 'The HTTP status answered, if any',
    },
    durationMs: { type: 'integer', format: 'int32', minimum: 0, maximum: 600_000 },
    response: string(2000, 'The first 500 bytes of the answer, or why there was none'),
    nextAttemptAt: time('When it is tried again'),
    latencyMs: {
      type: 'integer',
      format: 'int32',
      minimum: 0,
      maximum: 1_000_000_000,
      description: 'From the commit to this delivery',
    },
  },
};

const exampleEndpoint = {
  id: 'ep_3f7c2b9a0d4e4f1a8b6c5d2e',
  clientId: 'canterbury-crm',
  url: 'https://crm.ccc.example.nz/hooks/partnership-records',
  eventTypes: ['need.*', 'agreement.signed-off'],
  regionIds: ['canterbury'],
  contactEmail: 'integrations@ccc.example.nz',
  status: 'enabled',
  createdAt: '2026-11-20T02:10:00.000Z',
  updatedAt: '2026-11-20T02:10:00.000Z',
  version: 1,
};
const exampleSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const exampleAttempt = {
  endpointId: exampleEndpoint.id,
  eventId: 'evt_3f7c2b9a0d4e4f1a8b6c5d2e1f0a9b8c',
  eventType: 'need.updated',
  attempt: 1,
  trigger: 'change',
  at: '2026-11-20T02:10:01.200Z',
  outcome: 'delivered',
  status: 204,
  durationMs: 84,
  response: '',
  latencyMs: 1200,
};

const idParameter = { id: 'The endpoint’s id' };
const idExample = { id: exampleEndpoint.id };

/** The webhook operations in the OpenAPI document. */
export function webhookOperations(): OperationDoc[] {
  const tags = ['Webhooks'];
  const base = { tags, access: 'machine' as const };
  const endpoint = (description: string, headers: ('ETag' | 'Location')[] = ['ETag']) => ({
    description,
    schema: endpointSchema,
    example: exampleEndpoint,
    headers,
  });
  return [
    {
      ...base,
      route: registerWebhook,
      operationId: 'registerWebhook',
      summary: 'Register a webhook endpoint',
      description: `Machine clients only, at most ${MAX_ENDPOINTS_PER_CLIENT} endpoints each. Event types (need.updated, need.*, *) and regions must be within the client's own access. The address must be https:// and may not resolve to loopback, private, link-local (169.254.169.254 included) or unique-local addresses; it is checked again at every delivery. The signing secret is in this answer only. Deliveries follow Standard Webhooks: webhook-id (the change event's id, the same on every retry), webhook-timestamp and webhook-signature headers, a thin body naming the record, retries for about three days, 410 disables.`,
      body: {
        example: {
          url: exampleEndpoint.url,
          eventTypes: exampleEndpoint.eventTypes,
          regionIds: exampleEndpoint.regionIds,
          contactEmail: exampleEndpoint.contactEmail,
          description: 'Christchurch City CRM',
        },
      },
      responses: {
        201: {
          description: 'Registered: the endpoint and its signing secret (shown once)',
          schema: withSecret,
          example: { endpoint: exampleEndpoint, secret: exampleSecret },
          headers: ['ETag', 'Location'],
        },
      },
      problems: [400, 401, 403, 413, 415],
    },
    {
      ...base,
      route: listWebhooks,
      operationId: 'listWebhooks',
      summary: 'This client’s webhook endpoints',
      description: 'Every endpoint of the calling machine client, without their secrets.',
      responses: {
        200: {
          description: 'The endpoints',
          schema: {
            type: 'object',
            required: ['items'],
            additionalProperties: false,
            properties: {
              items: { type: 'array', maxItems: MAX_ENDPOINTS_PER_CLIENT, items: endpointSchema },
            },
          },
          example: { items: [exampleEndpoint] },
        },
      },
      problems: [401, 403],
    },
    {
      ...base,
      route: getWebhook,
      operationId: 'getWebhook',
      summary: 'One webhook endpoint',
      description: 'Another client’s endpoint answers 404, as one that does not exist.',
      parameters: idParameter,
      parameterExamples: idExample,
      responses: { 200: endpoint('The endpoint') },
      problems: [400, 401, 403, 404],
    },
    {
      ...base,
      route: changeWebhook,
      operationId: 'changeWebhook',
      summary: 'Change a webhook endpoint, or enable it again',
      description:
        'Send the fields to change with If-Match (the version you read). The same checks as registering apply. {"status": "enabled"} turns a disabled endpoint back on; what it missed meanwhile can be asked for with a redelivery since a time.',
      parameters: { ...idParameter, 'if-match': 'The version you read (its ETag)' },
      parameterExamples: idExample,
      body: { example: { status: 'enabled' }, media: ['application/merge-patch+json', 'application/json'] },
      responses: { 200: endpoint('The endpoint as it now is') },
      problems: [400, 401, 403, 404, 409, 413, 415, 428],
    },
    {
      ...base,
      route: deleteWebhook,
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook endpoint',
      description: 'Nothing more is delivered to it; its delivery log goes with it.',
      parameters: idParameter,
      parameterExamples: idExample,
      responses: { 204: { description: 'Deleted' } },
      problems: [400, 401, 403, 404],
    },
    {
      ...base,
      route: rollWebhookSecret,
      operationId: 'rollWebhookSecret',
      summary: 'Roll the signing secret',
      description:
        'A new secret, shown once. For a day deliveries carry two signatures, one by each secret, so a receiver can switch without missing one.',
      parameters: idParameter,
      parameterExamples: idExample,
      responses: {
        200: {
          description: 'The endpoint and its new secret',
          schema: withSecret,
          example: {
            endpoint: { ...exampleEndpoint, version: 2, previousSecretExpiresAt: '2026-11-21T02:10:00.000Z' },
            secret: exampleSecret,
          },
          headers: ['ETag'],
        },
      },
      problems: [400, 401, 403, 404, 409],
    },
    {
      ...base,
      route: listWebhookDeliveries,
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log of an endpoint',
      description:
        'Every attempt, newest first, kept 30 days: what triggered it, the status answered, how long it took, the first 500 bytes of the answer and when it is tried again.',
      parameters: {
        ...idParameter,
        limit: `At most this many (default 50, at most ${MAX_LIMIT})`,
        cursor: 'The cursor of the previous page',
      },
      parameterExamples: idExample,
      responses: {
        200: {
          description: 'A page of attempts',
          schema: {
            type: 'object',
            required: ['items', 'more'],
            additionalProperties: false,
            properties: {
              items: { type: 'array', maxItems: MAX_LIMIT, items: attemptSchema },
              more: { type: 'boolean' },
              cursor: { type: 'string', maxLength: 4000 },
            },
          },
          example: { items: [exampleAttempt], more: false },
        },
      },
      problems: [400, 401, 403, 404],
    },
    {
      ...base,
      route: redeliverWebhook,
      operationId: 'redeliverWebhook',
      summary: 'Deliver one change event again, or every one since a time',
      description: `Queued at once, each with its own webhook-id, so a receiver that has one already can tell. Since a time: at most ${MAX_REDELIVERY} events per request (ask again from the last one's time for more). Only the endpoint's types and regions within the client's access count.`,
      parameters: idParameter,
      parameterExamples: idExample,
      body: { example: { since: '2026-11-20T00:00:00Z' } },
      responses: {
        202: {
          description: 'How many deliveries were queued',
          schema: {
            type: 'object',
            required: ['queued'],
            additionalProperties: false,
            properties: { queued: { type: 'integer', format: 'int32', minimum: 0, maximum: MAX_REDELIVERY } },
          },
          example: { queued: 12 },
        },
      },
      problems: [400, 401, 403, 404, 413, 415],
    },
    {
      ...base,
      route: pingWebhook,
      operationId: 'pingWebhook',
      summary: 'Send a test ping now',
      description:
        'A signed webhook.ping delivery, sent at once and never retried; the answer is how the endpoint answered (it is in the delivery log too).',
      parameters: idParameter,
      parameterExamples: idExample,
      responses: {
        200: {
          description: 'The attempt',
          schema: attemptSchema,
          example: {
            ...exampleAttempt,
            eventId: 'evt_ping_0a1b2c3d4e5f60718293a4b5',
            eventType: 'webhook.ping',
            trigger: 'ping',
          },
        },
      },
      problems: [400, 401, 403, 404],
    },
  ];
}
