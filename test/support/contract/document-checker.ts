import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks real answers against the served OpenAPI document with a JSON Schema validator nobody
 * here wrote (Ajv, draft 2020-12, with formats): the status must be documented for the operation,
 * the media type must be one it lists, the body must match that media type's schema, and every
 * header the response declares must be there and match its schema.
 */
export type OpenApi = Record<string, any>;
export const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export interface Operation {
  path: string;
  method: (typeof METHODS)[number];
  id: string;
  op: Record<string, any>;
}

export function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      id: item[method].operationId as string,
      op: item[method],
    })),
  );
}

const pointer = (...keys: string[]) => keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class DocumentChecker {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApi) {
    // OpenAPI adds keywords (example, discriminator…) that are not JSON Schema: ignore, do not fail.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema(doc, 'openapi');
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    return validate;
  }

  private resolve(node: any): { node: any; at: string | undefined } {
    if (node?.$ref) {
      const keys = (node.$ref as string).slice(2).split('/');
      return {
        node: keys.reduce((n: any, k) => n?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc),
        at: node.$ref,
      };
    }
    return { node, at: undefined };
  }

  /** What is wrong with this answer to this operation, in words; empty when it keeps the contract. */
  check(operation: Operation, status: number, headers: Headers, text: string): string[] {
    const problems: string[] = [];
    const documented = operation.op.responses?.[String(status)] ?? operation.op.responses?.default;
    if (!documented) {
      return [
        `status ${status} is not documented (documented: ${Object.keys(operation.op.responses).join(', ')}): ${text.slice(0, 300)}`,
      ];
    }
    const { node: response, at } = this.resolve(documented);
    const base = at
      ? `openapi${at}`
      : `openapi#/${pointer('paths', operation.path, operation.method, 'responses', String(status))}`;

    for (const [name, declared] of Object.entries<any>(response.headers ?? {})) {
      const header = this.resolve(declared).node;
      const value = headers.get(name);
      if (value === null) {
        problems.push(`${status}: declared header ${name} is missing`);
        continue;
      }
      if (header.schema && !this.ajv.validate(header.schema, value))
        problems.push(`${status}: header ${name}: "${value}" ${this.ajv.errorsText(this.ajv.errors)}`);
    }

    const content = response.content as Record<string, any> | undefined;
    if (!content) {
      if (text.length > 0)
        problems.push(`${status}: documented without a body, but one came: ${text.slice(0, 200)}`);
      return problems;
    }
    const type = (headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!(type in content)) {
      problems.push(`${status}: media type "${type}" is not documented (${Object.keys(content).join(', ')})`);
      return problems;
    }
    if (!content[type].schema) return problems;
    let body: unknown = text;
    if (/json/.test(type)) {
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${status}: ${type} body is not JSON: ${text.slice(0, 200)}`);
        return problems;
      }
    }
    const validate = this.validator(`${base}/${pointer('content', type, 'schema')}`);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
      problems.push(`${status} ${type}: body breaks its schema: ${errors.join('; ')}`);
    }
    return problems;
  }
}
