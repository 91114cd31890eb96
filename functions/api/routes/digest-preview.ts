import * as z from 'zod/mini';
import { DIGEST_DECISIONS } from '../../digest/digest-preview-view.ts';
import { type DigestPreviewDependencies, previewDigest } from '../../digest/preview.ts';
import { UnavailableError } from '../../domain/errors.ts';
import { newZealandDate } from '../../domain/new-zealand-day.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import type { RouteArea } from '../route-area.ts';

const previewGroupDigest = defineRoute({
  method: 'get',
  path: '/v1/digests/{groupId}/preview',
  params: {
    groupId: z
      .string()
      .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, { error: 'expected the id of an LEC group' })),
  },
});

/**
 * Staff see a group's next digest before it goes: who gets it (and why each other member does
 * not) and the first one's subject, text and HTML. It reads what the digest run reads and
 * changes nothing.
 */
export function digestPreviewArea(deps: DigestPreviewDependencies | undefined): RouteArea {
  const area = new AreaRoutes('/v1/digests');
  area.on(previewGroupDigest, async (c, { params }) => {
    if (!deps) throw new UnavailableError('The LEC digest is not set up on this server.');
    return c.json(await previewDigest(deps, c.get('principal'), params.groupId, newZealandDate()));
  });
  return { name: 'digest-preview', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

const decision = { type: 'string', enum: [...DIGEST_DECISIONS] };

/** The preview in the OpenAPI document (build time only). */
export function digestPreviewOperations(): OperationDoc[] {
  return [
    {
      route: previewGroupDigest,
      operationId: 'previewGroupDigest',
      tags: ['Digest'],
      access: 'read',
      summary: "Preview an LEC group's next digest",
      description:
        "For CEG staff who may read the group's region: the period the next run sends for, who authorises it, every member with an email and what the run does for them (send, or why not: no consent, withdrawn, unsubscribed, already sent this period, nothing new), and the first digest's subject, text and HTML with placeholder links.",
      parameters: { groupId: 'The LEC group' },
      parameterExamples: { groupId: 'lec-west-coast-1' },
      responses: {
        200: {
          description: 'What the next digest run would do for the group',
          schema: {
            type: 'object',
            required: ['groupId', 'groupName', 'period', 'recipients'],
            properties: {
              groupId: { type: 'string', maxLength: 100 },
              groupName: { type: 'string', maxLength: 200 },
              period: {
                type: 'object',
                properties: {
                  start: { type: 'string', format: 'date' },
                  end: { type: 'string', format: 'date' },
                  label: { type: 'string', maxLength: 100 },
                  frequency: { type: 'string', enum: ['monthly', 'fortnightly'] },
                },
              },
              authoriser: {
                type: 'object',
                properties: {
                  name: { type: 'string', maxLength: 200 },
                  role: { type: 'string', maxLength: 300 },
                  email: { type: 'string', format: 'email', maxLength: 254 },
                },
              },
              recipients: {
                type: 'array',
                maxItems: 10000,
                items: {
                  type: 'object',
                  properties: {
                    email: { type: 'string', format: 'email', maxLength: 254 },
                    name: { type: 'string', maxLength: 200 },
                    organisation: { type: 'string', maxLength: 200 },
                    decision,
                    newItems: { type: 'integer', format: 'int32', minimum: 0, maximum: 10000 },
                  },
                },
              },
              sample: {
                type: 'object',
                properties: {
                  to: { type: 'string', format: 'email', maxLength: 254 },
                  subject: { type: 'string', maxLength: 300 },
                  text: { type: 'string', maxLength: 200000 },
                  html: { type: 'string', maxLength: 400000 },
                },
              },
            },
          },
          example: {
            groupId: 'lec-west-coast-1',
            groupName: 'Buller Jobs Network',
            period: { start: '2026-12-01', end: '2026-12-31', label: 'December 2026', frequency: 'monthly' },
            authoriser: {
              name: 'Hine Walker',
              role: 'co-ordinator of Buller Jobs Network',
              email: 'hine@example.nz',
            },
            recipients: [
              {
                email: 'ana@example.nz',
                name: 'Ana',
                organisation: 'Coast Works',
                decision: 'send',
                newItems: 3,
              },
            ],
          },
        },
      },
      problems: [400, 401, 403, 404, 503],
    },
  ];
}
