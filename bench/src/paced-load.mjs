// 匀速负载 (paced open-loop load) for figure 3: one request every 1000/rate ms whatever the
// answers (loadtest's requestsPerSecond), so the latencies are those of a steady rate, not of
// autocannon's per-second bursts. A second process, as figure 3 asks; prints JSON on stdout.
// Arguments: url, rate (req/s), seconds, headers as JSON, body.
import { loadTest } from 'loadtest';

const [url, rate, seconds, headers, body] = process.argv.slice(2);
const result = await loadTest({
  url,
  method: 'POST',
  contentType: 'application/json',
  // loadtest sets Content-Length only after writing the body, so its requests went chunked: the
  // terminating chunk a second small write, held by Nagle until the server's delayed ACK (up to
  // 40 ms, seen as the server's responseTime); real clients send a JSON body with its length
  headers: { ...JSON.parse(headers), 'content-length': String(Buffer.byteLength(body)) },
  body,
  requestsPerSecond: Number(rate),
  maxSeconds: Number(seconds),
  agentKeepAlive: true,
  quiet: true,
});
const { effectiveRps, totalRequests, totalErrors, errorCodes, percentiles } = result;
process.stdout.write(JSON.stringify({ effectiveRps, totalRequests, totalErrors, errorCodes, percentiles }));
