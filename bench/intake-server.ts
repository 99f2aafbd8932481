/**
 * The App as `npm start` serves it (src/entries/app/server.ts), in its own process, for `bench/intake.ts`: the
 * queue and role from the environment (REDIS_URL, BULWARK_ROLE, ...), JSON logs at info level on stdout as in
 * production. GitHub is the bench's fake (GITHUB_URL), and Probot's pacing of writes is off: it is GitHub's
 * rule, not Bulwark's cost. BENCH_PROBOT_RUN=1 serves it as `probot run` does instead (Probot's route first).
 *
 *   PORT=... GITHUB_URL=... PRIVATE_KEY=... WEBHOOK_SECRET=... node --import tsx bench/intake-server.ts
 */
import Bottleneck from 'bottleneck';
import { pino } from 'pino';
import { Probot, ProbotOctokit, Server } from 'probot';
import { createBulwarkApp } from '../src/entries/app/main.js';
import { serveBulwark } from '../src/entries/app/server.js';

const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
const Octokit = ProbotOctokit.defaults((options: any) => ({
  ...options,
  throttle: { ...options.throttle, write: fast(), notifications: fast(), retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 },
}));
const log = pino({ level: 'info' });
const options = {
  appId: 123,
  privateKey: process.env.PRIVATE_KEY!,
  secret: process.env.WEBHOOK_SECRET!,
  baseUrl: process.env.GITHUB_URL!,
  log,
  Octokit: Octokit as typeof ProbotOctokit,
};
const app = { appId: 123, docsUrl: 'https://docs.example/rules' };
if (process.env.BENCH_PROBOT_RUN) {
  const server = new Server({ host: '127.0.0.1', port: Number(process.env.PORT), log, Probot: Probot.defaults(options) });
  await server.load(createBulwarkApp(app));
  await server.start();
} else {
  await serveBulwark(new Probot(options), { host: '127.0.0.1', port: Number(process.env.PORT), app });
}
