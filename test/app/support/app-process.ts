/**
 * One Bulwark App process for the queue tests and the bench: Probot pointed at the fake GitHub (GITHUB_URL),
 * the queue and role from the environment as in production (REDIS_URL, BULWARK_ROLE, ...). Logs go to
 * stdout as JSON lines; the process stops on SIGTERM as the App does.
 */
import Bottleneck from 'bottleneck';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { createBulwarkApp } from '../../../src/entries/app/main.js';

const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
// GitHub's pacing is GitHub's rule, not what these tests measure.
const Octokit = ProbotOctokit.defaults((options: any) => ({
  ...options,
  throttle: { ...options.throttle, write: fast(), notifications: fast(), retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 },
  retry: { ...options.retry, retryAfterBaseValue: 1 },
}));
const log = pino({ level: 'info' });
const probot = new Probot({
  appId: 123,
  privateKey: process.env.PRIVATE_KEY!,
  baseUrl: process.env.GITHUB_URL!,
  log,
  Octokit: Octokit as typeof ProbotOctokit,
});
await probot.load(createBulwarkApp({ appId: 123, docsUrl: 'https://docs.example/rules', handleSignals: true }));
