import { execFile } from 'node:child_process';

/** A failed git command, with what git said. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')}: ${stderr.trim() || 'failed'}`);
    this.name = 'GitError';
  }
}

/** Runs git in a repository and returns its standard output as bytes (contents may be binary). */
export function gitBytes(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new GitError(args, stderr.toString('utf8')));
      else resolve(stdout);
    });
  });
}

export async function git(cwd: string, args: readonly string[]): Promise<string> {
  return (await gitBytes(cwd, args)).toString('utf8');
}

/** Like `git`, but undefined instead of an error (for questions such as "is there an upstream?"). */
export async function gitMaybe(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await git(cwd, args)).trim();
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}
