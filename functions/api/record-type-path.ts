import { NotFoundError } from '../domain/errors.ts';
import type { RecordDefinition } from '../records/definition.ts';
import { definitionForPath, RECORD_DEFINITIONS } from '../records/registry.ts';

/**
 * Record types in paths (`/v1/needs`, `/v1/sync/needs`). Kept apart from request.ts because it
 * needs every record definition: the functions that serve no record routes (reports, knowledge base)
 * read requests with request.ts and would otherwise build all 22 schemas at each cold start.
 */

/**
 * The `:path` route parameter, limited to the record types' paths, so that other /v1 routes (and
 * unknown ones) are not taken for a record type and a wrong method can be told from a wrong path.
 */
export const TYPE_PATH_PARAM = `:path{${RECORD_DEFINITIONS.map((d) => d.path).join('|')}}`;

export function definitionFromPath(path: string | undefined): RecordDefinition {
  const definition = path === undefined ? undefined : definitionForPath(path);
  if (!definition) {
    throw new NotFoundError(
      `There is no record type "${path}". The types are: ${RECORD_DEFINITIONS.map((d) => d.path).join(', ')}.`,
    );
  }
  return definition;
}

/**
 * For a path no route takes: refuses a `/v1/<type>…` or `/v1/sync/<type>…` path whose type does
 * not exist by naming the types (a NotFoundError); other paths pass.
 */
export function refuseUnknownRecordType(path: string): void {
  const type = /^\/v1\/(?:sync\/)?([^/]+)/.exec(path)?.[1];
  if (type) definitionFromPath(type);
}
