import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the demo repository from examples/demo: `main` holds base/, the `add-debug-access` branch adds
 * pull-request/ on top, as one commit. Deterministic (fixed author and dates), so its review is too.
 */
export function createDemoRepo(target: string, examples = new URL('../examples/demo/', import.meta.url).pathname): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Demo Author',
    GIT_AUTHOR_EMAIL: 'demo@example.com',
    GIT_COMMITTER_NAME: 'Demo Author',
    GIT_COMMITTER_EMAIL: 'demo@example.com',
    GIT_AUTHOR_DATE: '2026-01-01T12:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T12:00:00Z',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: target, env, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--initial-branch=main');
  cpSync(join(examples, 'base'), target, { recursive: true });
  git('add', '--all');
  git('commit', '--quiet', '-m', 'Shop deployment');
  git('checkout', '--quiet', '-b', 'add-debug-access');
  cpSync(join(examples, 'pull-request'), target, { recursive: true });
  git('add', '--all');
  git('commit', '--quiet', '-m', 'Debug access for the shop, and the nightly report');
}
