/**
 * The App from a bundle (BULWARK_APP, the file URL of a `scripts/build.mjs --outdir` build's app.js) as
 * `npm start` serves it (serveBulwark), in its own process, for `bench/intake.ts`: plain Node as in
 * production, so reviews scan in the bundled worker. The queue and role come from the environment (REDIS_URL,
 * BULWARK_ROLE, ...), JSON logs at info level go to stdout. GitHub is the bench's fake (GITHUB_URL), and
 * Probot's pacing of writes is off: it is GitHub's rule, not Bulwark's cost. BENCH_PROBOT_RUN=1 serves it as
 * `probot run` does instead (Probot's webhook route first).
 */
import Bottleneck from 'bottleneck';
import { pino } from 'pino';
import { Probot, ProbotOctokit, Server } from 'probot';

const { createBulwarkApp, serveBulwark } = await import(process.env.BULWARK_APP);
const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
const Octokit = ProbotOctokit.defaults((options) => ({
  ...options,
  throttle: { ...options.throttle, write: fast(), notifications: fast(), retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 },
}));
const log = pino({ level: 'info' });
const options = {
  appId: 123,
  privateKey: process.env.PRIVATE_KEY,
  secret: process.env.WEBHOOK_SECRET,
  baseUrl: process.env.GITHUB_URL,
  log,
  Octokit,
};
const app = { appId: 123, docsUrl: 'https://docs.example/rules' };
const port = Number(process.env.PORT);
if (process.env.BENCH_PROBOT_RUN) {
  const server = new Server({ host: '127.0.0.1', port, log, Probot: Probot.defaults(options) });
  await server.load(createBulwarkApp(app));
  await server.start();
} else {
  await serveBulwark(new Probot(options), { host: '127.0.0.1', port, app });
}
