/// <reference types="google-apps-script" />
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

type UrlFetchApp = GoogleAppsScript.URL_Fetch.UrlFetchApp;
type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;
type FetchRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;
type FetchOptions = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

/** A request as the server received it, for assertions on what the add-on sent. */
export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

type WireResult = { status: number; headers: Record<string, string>; body: string } | { error: string };

const WAIT_LIMIT_MS = 120_000;

/**
 * Synchronous HTTP in Node, as Apps Script's UrlFetchApp is: a worker thread makes the real
 * requests (in parallel for fetchAll) while this thread waits on a shared flag.
 */
class SyncHttp {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./http-worker.mjs', import.meta.url), {
      workerData: { port: port2, signal: this.flag.buffer },
      transferList: [port2],
    });
    this.worker.unref();
  }

  send(requests: SentRequest[]): WireResult[] {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(requests);
    if (Atomics.wait(this.flag, 0, 0, WAIT_LIMIT_MS) === 'timed-out') {
      throw new Error(`Timeout: no answer from ${requests[0]?.url} within ${WAIT_LIMIT_MS / 1000} s`);
    }
    const message = receiveMessageOnPort(this.port);
    if (!message) throw new Error('The HTTP worker signalled without an answer');
    return message.message as WireResult[];
  }

  close(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}

class FakeHttpResponse
  implements Pick<HTTPResponse, 'getResponseCode' | 'getContentText' | 'getHeaders' | 'getAllHeaders'>
{
  constructor(
    private readonly status: number,
    private readonly headers: Record<string, string>,
    private readonly body: string,
  ) {}

  getResponseCode(): number {
    return this.status;
  }

  getContentText(): string {
    return this.body;
  }

  getHeaders(): object {
    return { ...this.headers };
  }

  getAllHeaders(): object {
    return { ...this.headers };
  }
}

/**
 * UrlFetchApp against a real server. It records every request (the request budget is asserted
 * on these) and can lose a response after the server processed it, as a timeout would. Like a
 * versioned add-on, it fetches only URLs under the manifest's `urlFetchWhitelist` prefixes, and
 * refuses others with Google's words (as reported publicly: "…failed because the URL has not been
 * whitelisted in the script manifest").
 */
export class FakeUrlFetchApp implements Pick<UrlFetchApp, 'fetch' | 'fetchAll'> {
  readonly sent: SentRequest[] = [];
  /** Called for each answered request; return true to throw a timeout instead of answering. */
  loseResponse: ((request: SentRequest) => boolean) | undefined;
  private readonly http = new SyncHttp();

  /** Every fetch fails as it does when the host cannot be reached (the API is down, say). */
  networkDown = false;

  /**
   * Runs once while the next request whose URL matches waits for its answer: a colleague typing
   * in the sheet while the add-on waits for the server (the document lock does not stop people).
   */
  whileWaiting: { matching: RegExp; act: () => void } | undefined;

  /** `allowList`: the built manifest's `urlFetchWhitelist`; undefined fetches anything (a test deployment). */
  constructor(private readonly allowList?: readonly string[]) {}

  fetch(url: string, params?: FetchOptions): HTTPResponse {
    return this.fetchAll([{ url, ...(params ?? {}) }])[0]!;
  }

  fetchAll(requests: Array<FetchRequest | string>): HTTPResponse[] {
    const normalised = requests.map((r) => (typeof r === 'string' ? { url: r } : r));
    const outside = normalised.find(
      (r) => this.allowList && !this.allowList.some((p) => r.url.startsWith(p)),
    );
    if (outside)
      throw new Error(
        `Exception: Request to ${outside.url} failed because the URL has not been whitelisted in the script manifest.`,
      );
    const wire = normalised.map((r): SentRequest => {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(r.headers ?? {})) headers[key] = String(value);
      if (r.payload !== undefined) {
        if (typeof r.payload !== 'string') throw new Error('The fake UrlFetchApp only sends string payloads');
        headers['Content-Type'] = r.contentType ?? 'application/x-www-form-urlencoded';
      }
      return {
        url: r.url,
        method: (r.method ?? 'get').toUpperCase(),
        headers,
        ...(r.payload !== undefined ? { body: r.payload as string } : {}),
      };
    });
    if (this.networkDown) throw new Error(`Exception: Address unavailable: ${normalised[0]?.url}`);
    this.sent.push(...wire);
    const results = this.http.send(wire);
    const waiting = this.whileWaiting;
    if (waiting && wire.some((r) => waiting.matching.test(r.url))) {
      this.whileWaiting = undefined;
      waiting.act();
    }
    let lost: string | undefined;
    const responses = results.map((result, i) => {
      const request = normalised[i]!;
      if ('error' in result)
        throw new Error(`Exception: Address unavailable: ${request.url} (${result.error})`);
      if (this.loseResponse?.(wire[i]!)) lost ??= request.url;
      if (!request.muteHttpExceptions && result.status >= 400) {
        throw new Error(
          `Exception: Request failed for ${request.url} returned code ${result.status}. Truncated server response: ${result.body.slice(0, 200)}`,
        );
      }
      return new FakeHttpResponse(result.status, result.headers, result.body) as unknown as HTTPResponse;
    });
    // Apps Script throws for the whole fetchAll when one request times out.
    if (lost) throw new Error(`Exception: Timeout: ${lost}`);
    return responses;
  }

  close(): Promise<number> {
    return this.http.close();
  }
}
