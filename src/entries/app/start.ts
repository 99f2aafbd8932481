/**
 * `npm start` and the Docker image: the App on its own HTTP server (see server.ts), configured from the
 * environment as `probot run` is (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, WEBHOOK_PATH,
 * GHE_HOST, LOG_LEVEL, LOG_FORMAT, PORT, HOST; a `.env` file in the working folder is read first). Without an
 * App id or key, it is `probot run` that starts: its registration page, or in production its error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { createProbot, run } from 'probot';
import { createBulwarkApp } from './main.js';
import { serveBulwark } from './server.js';

// As `probot run` reads it: the file's values win over the environment's.
if (existsSync('.env')) Object.assign(process.env, parseEnv(readFileSync('.env', 'utf8')));
const env = process.env;
if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
  await run(createBulwarkApp());
} else {
  // `probot run`'s defaults, where createProbot's differ: info, and JSON logs in production.
  const probot = createProbot({ env: { LOG_LEVEL: 'info', LOG_FORMAT: env.NODE_ENV === 'production' ? 'json' : 'pretty', ...env } });
  await serveBulwark(probot, { host: env.HOST || 'localhost', port: Number(env.PORT) || 3000 });
}
