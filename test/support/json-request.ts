/** What a test or benchmark gets back from the API: status, headers and the parsed body. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * A request function bound to an API's base URL: JSON in, JSON (or text) out, with the bearer
 * token in the Authorization header. `send` is the fetch to use.
 */
export function jsonRequester(
  baseUrl: string,
  send: (url: string, init: RequestInit) => Promise<Response> = fetch,
) {
  return async <T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await send(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (the docs page, the report's HTML): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
}
