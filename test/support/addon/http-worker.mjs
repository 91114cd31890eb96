// Runs HTTP requests for the UrlFetchApp fake, whose caller waits synchronously (Atomics.wait)
// as Apps Script code does; the answers go back over a MessagePort the caller reads with
// receiveMessageOnPort. Plain JavaScript, so the worker needs no TypeScript loader.
import { workerData } from 'node:worker_threads';

const { port, signal } = workerData;
const flag = new Int32Array(signal);

port.on('message', async (requests) => {
  const results = await Promise.all(
    requests.map(async (r) => {
      try {
        const response = await fetch(r.url, {
          method: r.method,
          headers: r.headers,
          body: r.body,
          redirect: 'manual',
        });
        const headers = {};
        response.headers.forEach((value, key) => {
          headers[key] = value;
        });
        return { status: response.status, headers, body: await response.text() };
      } catch (error) {
        return { error: String(error?.cause?.message ?? error?.message ?? error) };
      }
    }),
  );
  port.postMessage(results);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
