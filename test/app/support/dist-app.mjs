/**
 * The App as `probot run ./dist/app.js` runs it, but from a bundle the test names (BULWARK_APP, a file URL)
 * and with one webhook event delivered from EVENT_FILE: plain Node, no tsx, so the bundle finds its scan
 * worker beside itself as in production. Probot points at the fake GitHub (GITHUB_URL); the settings come
 * from the environment. Logs are JSON lines on stdout; SIGTERM stops it as it stops the App.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { Probot } from 'probot';

const { default: app } = await import(process.env.BULWARK_APP);
const probot = new Probot({
  appId: 123,
  privateKey: process.env.PRIVATE_KEY,
  baseUrl: process.env.GITHUB_URL,
  log: pino({ level: 'info' }),
});
await probot.load(app);
await probot.receive(JSON.parse(readFileSync(process.env.EVENT_FILE, 'utf8')));
