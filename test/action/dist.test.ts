import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { BASE_SHA, FULL, OWNER, REPO, pullRequest, pullRequestEvent } from '../app/support/payloads.js';
import * as F from '../app/fixtures.js';
import { SHA } from '../app/fixtures.js';
import { MockGitHub } from './support/mock-server.js';

/**
 * The built Action, run the way a runner runs it: `node dist/action.js` from a copy of dist/ alone (no
 * node_modules anywhere near it), inputs as INPUT_* variables, a real webhook payload in GITHUB_EVENT_PATH,
 * outputs and job summary written to the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, annotations on stdout,
 * and GitHub a local server laid out as GitHub Enterprise Server is (GITHUB_API_URL, GITHUB_GRAPHQL_URL).
 */

const DIST = new URL('../../dist/', import.meta.url);
const TOKEN = 'ghs_workflow_token_for_the_bundle';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bulwark-dist-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks, as the runner reads them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}

test('dist/action.js on a pull_request event: reviews through GITHUB_API_URL, writes outputs and the job summary, and exits 1 by fail-on', async () => {
  expect(existsSync(new URL('action.js', DIST))).toBe(true); // npm run build first
  const action = join(root, 'action');
  cpSync(DIST, join(action, 'dist'), { recursive: true });
  writeFileSync(join(action, 'action.yml'), readFileSync(new URL('../../action.yml', import.meta.url)));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }).payload));
  const outputFile = join(root, 'output');
  const summaryFile = join(root, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');

  const R = `/repos/${FULL}`;
  const github = await new MockGitHub().start();
  try {
    github
      .rest('GET', `${R}/contents/.github%2Fbulwark.yml?ref=master`, {
        body: 'failOn: high\ncomments: changed-lines\n',
        headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
      })
      .rest('GET', `${R}/pulls/2/files?per_page=100&page=1`, {
        body: [F.listedFile('deploy/web.yaml', F.WEB_PATCH), F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop')],
      })
      .rest('GET', `${R}/git/trees/${SHA}?recursive=true`, {
        body: {
          sha: SHA,
          url: '',
          truncated: false,
          tree: Object.entries(F.FILES).map(([path, text]) => ({
            path,
            mode: '100644',
            type: 'blob',
            sha: F.sha1(text),
            size: Buffer.byteLength(text),
            url: '',
          })),
        },
      })
      // The merge base: the review compares the head's findings with it.
      .rest('GET', `${R}/compare/${BASE_SHA}...${SHA}?per_page=1`, { body: F.comparison(SHA) })
      .graphql('BulwarkFileContents', (body) => {
        const repository: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(body.variables as Record<string, string>)) {
          if (!/^p\d+$/.test(key)) continue;
          const [at, path] = [value.slice(0, SHA.length), value.slice(SHA.length + 1)];
          const text = ((at === F.MERGE_BASE ? F.BASE_FILES : F.FILES) as Record<string, string>)[path];
          repository[`f${key.slice(1)}`] =
            text === undefined ? null : { oid: F.sha1(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
        }
        return { body: { data: { repository } } };
      })
      .graphql('BulwarkReviewThreads', {
        body: {
          data: {
            viewer: { login: 'github-actions[bot]' },
            repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } },
          },
        },
      })
      .rest('GET', `${R}/pulls/2`, { body: pullRequest({ head: SHA, changedFiles: 2 }) })
      .rest('POST', `${R}/pulls/2/reviews`, { body: { id: 501 } });

    const exit = await runNode(
      join(action, 'dist', 'action.js'),
      {
        PATH: process.env.PATH,
        'INPUT_GITHUB-TOKEN': TOKEN,
        INPUT_CONFIG: '.github/bulwark.yml',
        'INPUT_FAIL-ON': '',
        INPUT_COMMENTS: '',
        INPUT_PATHS: '',
        INPUT_SARIF: 'bulwark.sarif',
        'INPUT_WORKING-DIRECTORY': '.',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: FULL,
        GITHUB_ACTOR: OWNER,
        GITHUB_SHA: 'f'.repeat(40),
        GITHUB_RUN_ID: '4242',
        GITHUB_SERVER_URL: 'https://github.example.com',
        GITHUB_API_URL: github.apiUrl,
        GITHUB_GRAPHQL_URL: github.graphqlUrl,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: root,
      },
      workspace,
    );

    expect(github.unmet()).toEqual([]);
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(1);
    expect(github.names().sort()).toEqual(
      [
        `GET ${R}/contents/.github%2Fbulwark.yml`,
        `GET ${R}/pulls/2/files`,
        `GET ${R}/git/trees/${SHA}`,
        `GET ${R}/compare/${BASE_SHA}...${SHA}`,
        'GRAPHQL BulwarkFileContents',
        'GRAPHQL BulwarkReviewThreads',
        `GET ${R}/pulls/2`,
        `POST ${R}/pulls/2/reviews`,
      ].sort(),
    );
    for (const request of github.requests) {
      expect(request.headers.authorization).toBe(`token ${TOKEN}`);
      expect(request.headers['user-agent']).toMatch(/^bulwark-action\/\d+\.\d+\.\d+ /);
    }
    const review = github.requests.find((r) => r.name.startsWith('POST'))!.body as any;
    expect(review.body).toBe(
      `Bulwark reviewed ${SHA.slice(0, 7)}: 3 new findings in the diff. The job summary of [this workflow run](https://github.example.com/${OWNER}/${REPO}/actions/runs/4242) lists every finding.`,
    );
    // The two new findings on line 19 share one comment.
    expect(review.comments).toHaveLength(2);

    const sarif = join(workspace, 'bulwark.sarif');
    expect(parseOutputs(readFileSync(outputFile, 'utf8'))).toEqual({
      findings: '5',
      critical: '1',
      high: '1',
      medium: '2',
      low: '1',
      info: '0',
      conclusion: 'failure',
      sarif,
    });
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results).toHaveLength(5);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toMatch(/^## Bulwark: 3 new findings: 1 critical, 1 medium, 1 low; 2 existing\n/);
    expect(summary).toContain(`[deploy/web.yaml:12](https://github.com/${FULL}/blob/${SHA}/deploy/web.yaml#L12)`);

    expect(exit.stdout).toContain(`::add-mask::${TOKEN}`);
    const commands = exit.stdout.split('\n').filter((line) => /^::(error|warning|notice)/.test(line));
    expect(commands.map((line) => line.split('::')[1])).toEqual([
      // The findings the merge base already had are notices; the step fails on the one new critical finding.
      'notice title=k8s/missing-network-policy (medium%2C existing),file=deploy/web.yaml,line=4,endLine=4',
      'notice title=k8s/host-pid (high%2C existing),file=deploy/web.yaml,line=12,endLine=12',
      'error',
    ]);
    expect(commands[2]).toBe('::error::1 finding at or above high (fail-on); the job summary lists them.');
    // The token is masked before anything else is printed, and printed nowhere else.
    expect(exit.stdout.split(TOKEN)).toHaveLength(2);
  } finally {
    await github.close();
  }
}, 60_000);
