import type * as z from 'zod/mini';
import type { RecordDefinition } from '../records/definition.ts';
import type { RouteDeclaration } from './declare-route.ts';

/**
 * What the OpenAPI document says of a route beyond what its declaration already holds: words,
 * examples, the answers and their schemas (zod/mini, or a reference to a generated component), and
 * the problem statuses. Parameters and the request body come from the declaration itself.
 *
 * Each area module exports a function returning its operations (`signOffOperations()`). Only the
 * build-time builder (functions/api/openapi.ts) calls it, so none of this text or these response
 * schemas reach a Lambda bundle: a function nobody calls is dropped by the bundler whatever it
 * holds, where a module-level constant would be kept (see docs/decisions.md).
 */

/** A JSON Schema written as such: a `$ref` to a generated component, or one built from a definition. */
export type JsonSchema = Record<string, unknown>;

/** A schema in the document: zod/mini (converted with z.toJSONSchema) or JSON Schema as is. */
export type DocSchema = z.ZodMiniType | JsonSchema;

/** Response headers, described once in the document's components. */
export type ResponseHeader = 'ETag' | 'Location' | 'Vary' | 'ContentDisposition' | 'WWWAuthenticate';

export interface ResponseDoc {
  description: string;
  /** The JSON body; `content` instead for other media types (or several). */
  schema?: DocSchema;
  example?: unknown;
  content?: Record<string, { schema: DocSchema; example?: unknown }>;
  /** Headers besides Cache-Control, which every answer has. */
  headers?: ResponseHeader[];
  /** A reusable response of the document's components instead (`NotModified`). */
  ref?: string;
}

/** Who may call: no one needs a token, people or machine clients with records/read, …/write, people only, or machine clients only. */
export type Access = 'public' | 'read' | 'write' | 'people' | 'machine';

export interface OperationDoc {
  route: RouteDeclaration;
  /**
   * For a route generic over record types: the value its path parameter takes in this operation
   * (`{ path: 'needs' }`); the document shows `/v1/needs/{id}`, not `{path}`.
   */
  pathValues?: Record<string, string>;
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  access: Access;
  /** What each declared path, query and header parameter means (every one must be described). */
  parameters?: Record<string, string>;
  /** Example values of parameters, for readers and for the contract test's calls. */
  parameterExamples?: Record<string, unknown>;
  /**
   * The body as documented, when it is validated past the route (a record's values, by the
   * definition's own schema in the domain); the declared body schema otherwise.
   */
  body?: { schema?: DocSchema; example: unknown; media?: string[] };
  responses: Record<number, ResponseDoc>;
  /** Statuses answered with problem+json (429 and 500 are added to every operation). */
  problems: number[];
  externalDocs?: { description: string; url: string };
}

/**
 * What the builder knows of one record type that the operations generic over record types name:
 * its component schemas (`Need`, `NeedValues`) and examples made from its definition. Given to
 * those areas' operation functions, so route modules need not import the builder's parts.
 */
export interface RecordTypeDoc {
  definition: RecordDefinition;
  /** `ProgressReport`: the name of its component schemas (`ProgressReport`, `ProgressReportValues`). */
  name: string;
  /** `ProgressReports`: for operationIds of many (`pullProgressReports`). */
  pluralName: string;
  /** `$ref` to a component schema. */
  ref: (component: string) => JsonSchema;
  /** `{items, more, cursor}` of the given item schema. */
  page: (items: JsonSchema, cursorAlways?: boolean) => JsonSchema;
  exampleValues: Record<string, unknown>;
  exampleRecord: { id: string } & Record<string, unknown>;
}
