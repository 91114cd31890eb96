import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { setTraceAnnotation } from '../observability/xray-subsegments.ts';
import type { AppEnv } from './request.ts';

/** Callers may name their request (e.g. a sheet push) so that it can be found in our logs and traces. */
const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** One structured line per request: what was asked, by whom, how it ended. Never the token. */
export interface RequestLogLine {
  message: 'request';
  correlationId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** Who asked, once authenticated: kind, email or client id, role. */
  principal?: { kind: string; id: string; role: string };
  /** The X-Ray trace of the invocation, when traced. */
  traceId?: string;
}

/** API Gateway's id for the request, when the app runs behind it (Hono's Lambda adapter sets `event`). */
function gatewayRequestId(env: unknown): string | undefined {
  const id = (env as { event?: { requestContext?: { requestId?: unknown } } } | undefined)?.event
    ?.requestContext?.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Gives every request a correlation id (the caller's `X-Correlation-Id` when it is a sensible
 * token, else API Gateway's request id, else a new UUID), returns it in `X-Correlation-Id`, adds it
 * to the X-Ray subsegments of the request's AWS calls, and writes one log line when the request ends.
 */
export function logRequests(write: (line: RequestLogLine) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const offered = c.req.header(CORRELATION_HEADER);
    const correlationId =
      offered && ACCEPTABLE_ID.test(offered) ? offered : (gatewayRequestId(c.env) ?? randomUUID());
    c.header('X-Correlation-Id', correlationId);
    setTraceAnnotation('correlation_id', correlationId);
    try {
      await next();
    } finally {
      const principal = c.get('principal');
      const traceId = /Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1];
      write({
        message: 'request',
        correlationId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
        ...(principal && { principal: { kind: principal.kind, id: principal.id, role: principal.role } }),
        ...(traceId && { traceId }),
      });
      setTraceAnnotation('correlation_id', undefined);
    }
  };
}
