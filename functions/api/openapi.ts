import * as z from 'zod/mini';
import type { RecordDefinition } from '../records/definition.ts';
import { RECORD_DEFINITIONS } from '../records/registry.ts';
import { dashboardPaths, dashboardSchemas } from './openapi-dashboard.ts';
import { exampleRecord, exampleValues } from './openapi-examples.ts';
import { openDataPaths, openDataSchemas } from './openapi-open-data.ts';
import { pathsOf } from './openapi-operations.ts';
import { partnerSchemas, partnerTags } from './openapi-partners.ts';
import {
  componentHeaders,
  componentParameters,
  componentResponses,
  dateSchema,
  pageSchema,
  ref,
  type Schema,
  sharedSchemas,
  storedRecordSchema,
  withIntegerFormats,
} from './openapi-parts.ts';
import { pascal, patchSchema, publicPaths, recordPaths } from './openapi-records.ts';
import { reminderPaths, reminderSchemas } from './openapi-reminders.ts';
import type { OperationDoc, RecordTypeDoc } from './operation-doc.ts';
import { actionLinkOperations } from './routes/action-links.ts';
import { changeOperations } from './routes/changes.ts';
import { digestLinkOperations } from './routes/digest-links.ts';
import { digestPreviewOperations } from './routes/digest-preview.ts';
import { directoryOperations } from './routes/directory.ts';
import { knowledgeBaseOperations } from './routes/knowledge-base.ts';
import { metaOperations } from './routes/meta.ts';
import { pageOperations } from './routes/pages.ts';
import { signOffOperations } from './routes/sign-offs.ts';
import { syncOperations } from './routes/sync.ts';
import { webhookOperations } from './routes/webhooks.ts';

/**
 * The OpenAPI 3.1 document, generated from the record definitions: each type's values schema is
 * zod's own JSON Schema of the definition, so the document cannot drift from validation.
 */

/** What zod cannot say from a refinement: dates are dates (format and pattern). */
function withFieldFormats(definition: RecordDefinition, schema: Schema): Schema {
  const properties = { ...((schema.properties ?? {}) as Record<string, Schema>) };
  for (const field of definition.fields) {
    const property = properties[field.name];
    if (property && field.kind === 'date') properties[field.name] = { ...property, ...dateSchema };
  }
  return { ...schema, properties };
}

function valuesSchema(definition: RecordDefinition): Schema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(definition.schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Schema;
  return withIntegerFormats(withFieldFormats(definition, schema)) as Schema;
}

function derivedProperties(definition: RecordDefinition): Schema {
  return Object.fromEntries(
    definition.fields
      .filter((f) => f.derived)
      .map((f) => [
        f.name,
        {
          type: f.kind === 'boolean' ? 'boolean' : 'string',
          maxLength: f.kind === 'boolean' ? undefined : 200,
          title: f.title,
          description: f.help,
          readOnly: true,
        },
      ]),
  );
}

function recordSchema(definition: RecordDefinition, values: Schema): Schema {
  return storedRecordSchema(
    { type: 'string', const: definition.type },
    { ...values, properties: { ...(values.properties as Schema), ...derivedProperties(definition) } },
    definition.description,
  );
}

const DESCRIPTION = `The system of record for the partnership between the Community Employment Group and the Mayors Taskforce for Jobs, and for Local Employment Co-ordination groups.

- **Errors** are RFC 9457 \`application/problem+json\`, with one entry per bad field in \`errors\`.
- **Versions**: every change names the version it read (\`If-Match\` or \`baseVersion\`); a stale one answers 409 with the record as it now stands.
- **Conditional reads**: \`GET\` of a record answers \`ETag\`; send it back as \`If-None-Match\` for a 304.
- **Pages**: lists answer \`{items, more, cursor}\`; ask again with \`cursor\` while \`more\` is true.
- **Methods**: a method a path does not offer answers 405 with an \`Allow\` header listing those it does.
- **Bodies** are JSON of at most 256 KB per record (5 MB per push), nested at most 64 levels deep.`;

/** What the operations generic over record types need of each type: its component names and examples. */
function recordTypeDocs(valuesSchemas: Map<string, Schema>): RecordTypeDoc[] {
  return RECORD_DEFINITIONS.map((definition) => {
    const values = exampleValues(definition, valuesSchemas.get(definition.type)!);
    return {
      definition,
      name: pascal(definition.type),
      pluralName: pascal(definition.path),
      ref,
      page: pageSchema,
      exampleValues: values,
      exampleRecord: exampleRecord(definition, values),
    };
  });
}

/** Every operation the areas declare and document, in the order the document lists them. */
export function apiOperations(valuesSchemas: Map<string, Schema> = recordValuesSchemas()): OperationDoc[] {
  const types = recordTypeDocs(valuesSchemas);
  return [
    ...metaOperations(),
    ...directoryOperations(),
    ...signOffOperations(),
    ...changeOperations(),
    ...webhookOperations(),
    ...knowledgeBaseOperations(),
    ...actionLinkOperations(),
    ...pageOperations(),
    ...digestPreviewOperations(),
    ...digestLinkOperations(),
    ...syncOperations(types),
  ];
}

/** Each record type's values schema, as the document's `<Type>Values` components hold it. */
function recordValuesSchemas(): Map<string, Schema> {
  return new Map(RECORD_DEFINITIONS.map((d) => [d.type, valuesSchema(d)]));
}

let cached: Schema | undefined;

export function openApiDocument(): Schema {
  if (cached) return cached;
  const schemas: Schema = {
    ...sharedSchemas,
    ...dashboardSchemas(),
    ...openDataSchemas,
    ...reminderSchemas,
    ...partnerSchemas,
  };
  const valuesSchemas = recordValuesSchemas();
  let paths: Schema = {};
  for (const definition of RECORD_DEFINITIONS) {
    const name = pascal(definition.type);
    const values = valuesSchemas.get(definition.type)!;
    schemas[`${name}Values`] = values;
    schemas[`${name}Patch`] = patchSchema(values);
    schemas[name] = recordSchema(definition, values);
    paths = { ...paths, ...recordPaths(definition, values) };
  }
  const open = publicPaths(valuesSchemas);
  Object.assign(schemas, open.schemas);
  const allPaths: Schema = {
    ...dashboardPaths,
    ...reminderPaths,
    ...pathsOf(apiOperations(valuesSchemas)),
    ...paths,
    ...open.paths,
    ...openDataPaths,
  };
  // Only the reusable answers some operation refers to (the 405 is answered for methods no operation has).
  const referenced = JSON.stringify(allPaths);
  const responses = Object.fromEntries(
    Object.entries(componentResponses).filter(([name]) =>
      referenced.includes(`"#/components/responses/${name}"`),
    ),
  );
  const headers = Object.fromEntries(
    Object.entries(componentHeaders).filter(([name]) =>
      JSON.stringify([allPaths, responses]).includes(`"#/components/headers/${name}"`),
    ),
  );
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Partnership Records API',
      version: '1.0.0',
      description: DESCRIPTION,
      contact: { name: 'Partnership Records team', email: 'partnership-records@example.nz' },
      // The project has no open-source licence; the API is offered to the partnership's consumers.
      license: {
        name: 'Proprietary: for partnership members and the consumers they approve',
        identifier: 'LicenseRef-Partnership-Records',
      },
    },
    servers: [
      {
        url: 'http://localhost:{port}',
        description: 'Local development: npm start on your machine',
        'x-internal': true,
        variables: { port: { default: '3000', description: 'PORT given to npm start' } },
      },
      {
        url: 'https://{peopleApiId}.execute-api.{region}.amazonaws.com',
        description:
          'Production (and staging) cloud API for people (Google sign-in) and the public: the ApiUrl stack output',
        'x-internal': false,
        variables: {
          peopleApiId: { default: 'people-api-id', description: 'From the ApiUrl output of the stack' },
          region: { default: 'ap-southeast-2', description: 'The AWS region the stack is in' },
        },
      },
      {
        url: 'https://{machineApiId}.execute-api.{region}.amazonaws.com',
        description:
          'Production (and staging) cloud API for machine clients (OAuth2 client credentials): the MachineApiUrl stack output',
        'x-internal': false,
        variables: {
          machineApiId: {
            default: 'machine-api-id',
            description: 'From the MachineApiUrl output of the stack',
          },
          region: { default: 'ap-southeast-2', description: 'The AWS region the stack is in' },
        },
      },
    ],
    security: [{ googleIdToken: [] }],
    tags: [
      ...RECORD_DEFINITIONS.map((d) => ({ name: d.pluralLabel, description: d.description })),
      { name: 'Sync', description: 'Incremental pull and batched push, as the Sheets add-on uses them' },
      {
        name: 'Changes',
        description:
          'Every committed change you may read, in commit order: the change feed behind the webhooks',
      },
      {
        name: 'Webhooks',
        description:
          "Machine clients' signed webhook endpoints (Standard Webhooks): told of changes instead of polling",
      },
      { name: 'Public', description: 'Open to all, no token: the service directory and published profiles' },
      {
        name: 'Open data',
        description:
          'Open to all, no token: the service directory in the Open Referral HSDS 3.0 shape and as CSV',
      },
      { name: 'Dashboard', description: 'Nightly snapshots and the quarterly report' },
      { name: 'Reports', description: 'Weekly reports of advisers and regions' },
      { name: 'Reminders', description: 'Reminder email settings, by API and by the link in every email' },
      {
        name: 'Digest',
        description: "The LEC group digest: staff preview, and the pages behind a digest's own links",
      },
      {
        name: 'Directory',
        description: 'Who may use the system, with which role and regions (national staff)',
      },
      { name: 'Meta', description: 'Health, this document, the type catalogue and who you are' },
      ...partnerTags,
    ],
    paths: allPaths,
    components: {
      securitySchemes: {
        googleIdToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "People: a Google ID token (the Sheets add-on sends ScriptApp.getIdentityToken()). Locally, a development token printed by npm start. Tokens are verified as RFC8725 (JWT best current practices) advises: signature against the issuer's published keys, issuer, audience, expiry.",
        },
        machineClient: {
          type: 'oauth2',
          description:
            "Other systems: swap the client id and secret for a one-hour access token at the Cognito token endpoint (the stack's TokenEndpoint output), then call the machine API with it. The tokens are JWTs, verified as RFC8725 (JWT best current practices) advises.",
          flows: {
            clientCredentials: {
              tokenUrl: 'https://partnership-records-prod.auth.ap-southeast-2.amazoncognito.com/oauth2/token',
              scopes: {
                'records/read': 'Read records the client is allowed to see',
                'records/write': 'Create, change and delete records the client is allowed to change',
              },
            },
          },
        },
      },
      parameters: componentParameters,
      headers,
      responses,
      schemas,
    },
  };
  return cached;
}
