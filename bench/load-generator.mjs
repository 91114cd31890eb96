// autocannon in a process of its own, so the load it makes costs the measured server nothing:
// node bench/load-generator.mjs '{"url":"http://127.0.0.1:3000","paths":["/healthz"],"connections":10,"duration":6}'
import autocannon from 'autocannon';

const { url, paths, connections, duration } = JSON.parse(process.argv[2]);
const result = await autocannon({
  url,
  connections,
  duration,
  // Each connection walks the paths in turn, so several searches share the run.
  requests: paths.map((path) => ({ method: 'GET', path })),
});
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  }),
);
