import * as z from 'zod/mini';
import type { RequestPart } from './declare-route.ts';
import { problemResponseRefs } from './openapi-problems.ts';
import type { Access, DocSchema, JsonSchema, OperationDoc, ResponseDoc } from './operation-doc.ts';

/**
 * Turns the operations the areas declare (a route's declaration and its documentation) into the
 * document's paths. Parameters and bodies are zod's own JSON Schema of the very schemas that
 * validate the request; nothing here repeats a parameter, a limit or a body by hand. Build time
 * only: z.toJSONSchema never reaches a Lambda bundle.
 */

const SECURITY: Record<Access, unknown[]> = {
  public: [],
  read: [{ googleIdToken: [] }, { machineClient: ['records/read'] }, { machineClient: ['records/write'] }],
  write: [{ googleIdToken: [] }, { machineClient: ['records/write'] }],
  people: [{ googleIdToken: [] }],
  machine: [{ machineClient: ['records/read'] }, { machineClient: ['records/write'] }],
};

const HEADER_REFS: Record<string, string> = {
  ETag: 'ETag',
  Location: 'Location',
  Vary: 'Vary',
  ContentDisposition: 'Content-Disposition',
  WWWAuthenticate: 'WWW-Authenticate',
};

const isZod = (schema: DocSchema): schema is z.ZodMiniType => '_zod' in schema;

/** Integers say how wide they are, so generated clients pick a type that holds them. */
export function withIntegerFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withIntegerFormats);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, withIntegerFormats(v)]),
  ) as JsonSchema;
  if (out.type === 'integer' && out.format === undefined) {
    const fits32 =
      Math.abs(Number(out.maximum ?? Infinity)) <= 2_147_483_647 &&
      Math.abs(Number(out.minimum ?? -Infinity)) <= 2_147_483_648;
    out.format = fits32 ? 'int32' : 'int64';
  }
  return out;
}

/** zod's JSON Schema of a schema as a client sends it (`input`) or as the API answers it (`output`). */
export function jsonSchemaOf(schema: DocSchema, io: 'input' | 'output' = 'output'): JsonSchema {
  // JSON Schema written as such (a row that names a component) gets the same integer formats.
  if (!isZod(schema)) return withIntegerFormats(schema) as JsonSchema;
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return withIntegerFormats(json) as JsonSchema;
}

function parameters(doc: OperationDoc): JsonSchema[] {
  const { route } = doc;
  const described = new Set(Object.keys(doc.parameters ?? {}));
  const where = `${route.method.toUpperCase()} ${route.path} (${doc.operationId})`;
  const list = (part: RequestPart | undefined, place: 'path' | 'query' | 'header') =>
    Object.entries(part ?? {})
      .filter(([name]) => !(place === 'path' && doc.pathValues?.[name] !== undefined))
      .map(([name, schema]) => {
        const description = doc.parameters?.[name];
        if (!description) throw new Error(`${where}: describe its ${place} parameter "${name}"`);
        described.delete(name);
        const { description: _own, ...json } = jsonSchemaOf(schema, 'input');
        const example = doc.parameterExamples?.[name];
        return {
          name: place === 'header' ? headerName(name) : name,
          in: place,
          required: place === 'path' || !schema.safeParse(undefined).success,
          description,
          schema: json,
          ...(example === undefined ? {} : { example }),
        };
      });
  const all = [
    ...list(route.params, 'path'),
    ...list(route.query, 'query'),
    ...list(route.headers, 'header'),
  ];
  for (const name of doc.pathValues ? Object.keys(doc.pathValues) : []) described.delete(name);
  if (described.size > 0) throw new Error(`${where}: describes undeclared parameters ${[...described]}`);
  return all;
}

/** `if-match` → `If-Match`, as the document names headers. */
const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

function requestBody(doc: OperationDoc): JsonSchema | undefined {
  const declared = doc.route.body;
  if (!declared && !doc.body) return undefined;
  const where = `${doc.route.method.toUpperCase()} ${doc.route.path} (${doc.operationId})`;
  if (!declared) throw new Error(`${where}: documents a body its route does not declare`);
  if (!doc.body) throw new Error(`${where}: give its body an example`);
  const schema = jsonSchemaOf(doc.body.schema ?? declared.schema, 'input');
  const media = doc.body.media ?? [
    declared.media === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
  ];
  return {
    required: true,
    content: Object.fromEntries(media.map((type) => [type, { schema, example: doc.body!.example }])),
  };
}

function response(doc: ResponseDoc): JsonSchema {
  if (doc.ref) return { $ref: `#/components/responses/${doc.ref}` };
  const content = doc.content
    ? Object.fromEntries(
        Object.entries(doc.content).map(([type, media]) => [
          type,
          {
            schema: jsonSchemaOf(media.schema),
            ...(media.example === undefined ? {} : { example: media.example }),
          },
        ]),
      )
    : doc.schema
      ? {
          'application/json': {
            schema: jsonSchemaOf(doc.schema),
            ...(doc.example === undefined ? {} : { example: doc.example }),
          },
        }
      : undefined;
  const headers = Object.fromEntries(
    ['CacheControl', ...(doc.headers ?? [])].map((name) => [
      HEADER_REFS[name] ?? 'Cache-Control',
      { $ref: `#/components/headers/${name}` },
    ]),
  );
  return { description: doc.description, headers, ...(content ? { content } : {}) };
}

/** The document path of an operation: its route's path with the fixed path parameters filled in. */
export function documentedPath(doc: OperationDoc): string {
  return doc.route.path.replace(
    /\{([A-Za-z0-9_]+)\}/g,
    (whole, name: string) => doc.pathValues?.[name] ?? whole,
  );
}

/** The `paths` object of the document, from every area's operations. */
export function pathsOf(operations: readonly OperationDoc[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const doc of operations) {
    const path = documentedPath(doc);
    paths[path] ??= {};
    const item = paths[path];
    if (item[doc.route.method])
      throw new Error(`${doc.route.method.toUpperCase()} ${path} is documented twice`);
    const body = requestBody(doc);
    const params = parameters(doc);
    item[doc.route.method] = {
      operationId: doc.operationId,
      tags: doc.tags,
      security: SECURITY[doc.access],
      summary: doc.summary,
      description: doc.description,
      ...(doc.externalDocs ? { externalDocs: doc.externalDocs } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: {
        ...Object.fromEntries(Object.entries(doc.responses).map(([status, r]) => [status, response(r)])),
        ...problemResponseRefs(doc.problems),
      },
    };
  }
  return paths;
}
