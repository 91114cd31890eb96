import { CADENCES, KIND_LABELS, REMINDER_KINDS } from '../reminders/kinds.ts';
import { dateSchema, idSchema, param, problemResponses, ref, type Schema } from './openapi-parts.ts';
import { jsonBody, jsonResponse, READ_SECURITY } from './openapi-records.ts';

/** Reminder settings and the weekly report (functions/api/routes/reminders.ts, weekly-report.ts). */

const words = (maxLength: number) => ({ type: 'string', maxLength });
const cadence = { type: 'string', enum: [...CADENCES] };
const hours = { type: 'number', minimum: 0, maximum: 1_000_000, multipleOf: 0.01 };
const count = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 };
const projects = {
  type: 'array',
  maxItems: 1000,
  items: {
    type: 'object',
    required: ['project', 'hours'],
    properties: { project: words(200), hours },
  },
};
const htmlBody = { 'text/html': { schema: { type: 'string', maxLength: 1_000_000 } } };
const noStoreHeaders = { 'Cache-Control': { $ref: '#/components/headers/CacheControl' } };

const preferences = {
  type: 'object',
  required: [...REMINDER_KINDS],
  properties: Object.fromEntries(
    REMINDER_KINDS.map((kind) => [kind, { ...cadence, description: KIND_LABELS[kind] }]),
  ),
};

export const reminderSchemas: Schema = {
  ReminderPreferences: {
    type: 'object',
    required: ['email', 'preferences', 'kinds'],
    properties: {
      email: { type: 'string', format: 'email', maxLength: 320 },
      preferences,
      kinds: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          required: ['kind', 'label', 'cadence'],
          properties: { kind: { type: 'string', enum: [...REMINDER_KINDS] }, label: words(200), cadence },
        },
      },
    },
  },
  ReminderPreferencesChange: {
    type: 'object',
    additionalProperties: false,
    description: 'The kinds to change; the others keep their setting.',
    properties: Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, cadence])),
  },
  WeeklyReport: {
    type: 'object',
    required: [
      'kind',
      'week',
      'weekEnding',
      'regionId',
      'region',
      'advisers',
      'projects',
      'totalHours',
      'activityCount',
    ],
    properties: {
      kind: { type: 'string', enum: ['adviser', 'region'] },
      week: dateSchema,
      weekEnding: dateSchema,
      regionId: idSchema,
      region: words(200),
      advisers: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['adviserId', 'adviser', 'lines', 'projects', 'totalHours'],
          properties: {
            adviserId: idSchema,
            adviser: words(200),
            email: { type: 'string', format: 'email', maxLength: 320 },
            projects,
            totalHours: hours,
            lines: {
              type: 'array',
              maxItems: 10_000,
              items: {
                type: 'object',
                required: [
                  'activityId',
                  'councilId',
                  'council',
                  'project',
                  'nonFunded',
                  'kind',
                  'hours',
                  'summary',
                ],
                properties: {
                  activityId: idSchema,
                  councilId: idSchema,
                  council: words(200),
                  project: { ...words(200), description: 'Always "MTFJ <council>": a non-funded project' },
                  nonFunded: { type: 'boolean', const: true },
                  kind: words(50),
                  hours,
                  summary: words(2000),
                },
              },
            },
          },
        },
      },
      projects,
      totalHours: hours,
      activityCount: count,
    },
  },
};

const example = {
  email: 'adviser@example.org',
  preferences: Object.fromEntries(
    REMINDER_KINDS.map((kind) => [kind, kind === 'agreement-reviews' ? 'weekly' : 'daily']),
  ),
  kinds: REMINDER_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], cadence: 'daily' })),
};
const tokenParam = param('token', 'query', 'The signed token from the link in a reminder email', {
  type: 'string',
  maxLength: 2000,
  pattern: '^[A-Za-z0-9_.-]+$',
});

export const reminderPaths: Schema = {
  '/v1/me/reminder-preferences': {
    get: {
      operationId: 'getReminderPreferences',
      tags: ['Reminders'],
      security: [{ googleIdToken: [] }],
      summary: 'Your reminder settings',
      description: 'Each kind of reminder daily, weekly (in the Monday email) or off. People only.',
      responses: {
        200: jsonResponse('Your settings', ref('ReminderPreferences'), example),
        ...problemResponses(401, 403, 503),
      },
    },
    put: {
      operationId: 'changeReminderPreferences',
      tags: ['Reminders'],
      security: [{ googleIdToken: [] }],
      summary: 'Change your reminder settings',
      description: 'Name only the kinds to change. The add-on\u2019s settings use this.',
      requestBody: jsonBody(ref('ReminderPreferencesChange'), {
        'agreement-reviews': 'weekly',
        actions: 'daily',
      }),
      responses: {
        200: jsonResponse('Your settings now', ref('ReminderPreferences'), example),
        ...problemResponses(400, 401, 403, 413, 415, 503),
      },
    },
  },
  '/reminders/preferences': {
    get: {
      operationId: 'showReminderSettingsPage',
      tags: ['Reminders'],
      security: [],
      summary: 'The reminder settings page behind the link in every email',
      description:
        'No sign-in: the signed token (valid 60 days) names the person, and reaches only their settings. 400 for a damaged link, 410 for an old one, each as a page that says what to do.',
      parameters: [{ ...tokenParam, required: true }],
      responses: {
        200: { description: 'The settings form', headers: noStoreHeaders, content: htmlBody },
        400: { description: 'The link is damaged or incomplete', headers: noStoreHeaders, content: htmlBody },
        410: { description: 'The link is too old', headers: noStoreHeaders, content: htmlBody },
        ...problemResponses(503),
      },
    },
    post: {
      operationId: 'saveReminderSettingsPage',
      tags: ['Reminders'],
      security: [],
      summary: 'Save the reminder settings form, or unsubscribe with one click',
      description:
        'The form of the settings page: the token and daily, weekly or off per kind. This address (with ?token=) is also every email\u2019s List-Unsubscribe: a POST of List-Unsubscribe=One-Click (RFC 8058), with no cookie and no sign-in, turns that kind of email off for the person the token names.',
      parameters: [{ ...tokenParam, required: false }],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: {
                token: tokenParam.schema,
                'List-Unsubscribe': { type: 'string', enum: ['One-Click'] },
                ...Object.fromEntries(REMINDER_KINDS.map((k) => [k, cadence])),
              },
            },
            example: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln', actions: 'weekly' },
          },
        },
      },
      responses: {
        200: { description: 'Saved; the form again', headers: noStoreHeaders, content: htmlBody },
        400: {
          description: 'A damaged link or an unknown choice',
          headers: noStoreHeaders,
          content: htmlBody,
        },
        410: { description: 'The link is too old', headers: noStoreHeaders, content: htmlBody },
        ...problemResponses(503),
      },
    },
  },
  '/v1/reports/weekly': {
    get: {
      operationId: 'getWeeklyReport',
      tags: ['Reports'],
      security: READ_SECURITY,
      summary: "An adviser's or a region's weekly report",
      description:
        'Name an adviser or a region, and the week by its Monday (last week when left out). Work with each Taskforce council is the non-funded project "MTFJ <council>". JSON, CSV (one row per activity) or printable HTML, by ?format= or the Accept header.',
      parameters: [
        param('adviser', 'query', 'The adviser (one of adviser or region)', idSchema, false),
        param('region', 'query', 'The region (one of adviser or region)', idSchema, false),
        param('week', 'query', 'The Monday the week starts; last week by default', dateSchema, false),
        param('format', 'query', 'json, csv or html; without it the Accept header decides', {
          type: 'string',
          enum: ['json', 'csv', 'html'],
        }),
      ],
      responses: {
        200: {
          description: 'The report',
          headers: {
            ...noStoreHeaders,
            Vary: {
              description: 'Accept: the format follows it',
              schema: { type: 'string', maxLength: 100 },
            },
          },
          content: {
            'application/json': { schema: ref('WeeklyReport') },
            'text/csv': { schema: { type: 'string', maxLength: 10_000_000 } },
            ...htmlBody,
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    },
  },
};
