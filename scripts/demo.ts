// `npm run demo`: builds the demo repository in a temporary folder and shows Bulwark's review of its branch.
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoRepo } from './demo-repo.js';

const repo = join(tmpdir(), 'bulwark-demo');
createDemoRepo(repo);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
process.stdout.write(`Demo repository: ${repo} (branch add-debug-access, based on main)\n$ bulwark review\n\n`);
const review = spawnSync(process.execPath, [cli, 'review'], { cwd: repo, stdio: 'inherit' });
process.stdout.write(`\nbulwark review exited with ${review.status}: a CI job or pre-push hook would stop here.\n`);
