// Sends webhook deliveries to the App from its own process, so the sender's work does not queue behind the
// server's on one event loop: `node webhook-client.mjs <file> <all|one>` reads { url, deliveries: [{ headers,
// body }] } and prints { times, statuses }: every answer's time in ms, sorted, and the count of each status.
import { readFileSync } from 'node:fs';

const [file, mode] = process.argv.slice(2);
const { url, deliveries } = JSON.parse(readFileSync(file, 'utf8'));
const statuses = {};
const send = async ({ headers, body }) => {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.text();
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  return performance.now() - started;
};
const times = [];
if (mode === 'one') for (const delivery of deliveries) times.push(await send(delivery));
else times.push(...(await Promise.all(deliveries.map(send))));
process.stdout.write(JSON.stringify({ times: times.sort((a, b) => a - b), statuses }));
