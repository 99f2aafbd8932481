// Sends webhook deliveries to the App from its own process, so the sender's work does not queue behind the
// server's on one event loop: `node webhook-client.mjs <file> <all|one>` reads { url, deliveries: [{ headers,
// body }] } and prints { times, statuses }: every answer's time in ms, sorted, and the count of each status.
//
// node:http, not fetch: fetch's own cost per request (tens of ms for 200 at once) would be counted as the
// App's. Each delivery opens its own connection, as GitHub's do; three GETs of /health first load the client's
// code, so its first use is not counted either.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const [file, mode] = process.argv.slice(2);
const { url, deliveries } = JSON.parse(readFileSync(file, 'utf8'));
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const statuses = {};

const exchange = (target, options, body) =>
  new Promise((resolve, reject) => {
    const req = request(target, { ...options, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

const send = async ({ headers, body }) => {
  const payload = Buffer.from(body);
  const started = performance.now();
  const status = await exchange(url, { method: 'POST', headers: { ...headers, 'content-length': payload.length } }, payload);
  const took = performance.now() - started;
  statuses[status] = (statuses[status] ?? 0) + 1;
  return took;
};

for (let i = 0; i < 3; i++) await exchange(new URL('/health', url), { method: 'GET' });
const times = [];
if (mode === 'one') for (const delivery of deliveries) times.push(await send(delivery));
else times.push(...(await Promise.all(deliveries.map(send))));
process.stdout.write(JSON.stringify({ times: times.sort((a, b) => a - b), statuses }));
