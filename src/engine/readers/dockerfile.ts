import { baseName } from '../detect.js';
import { parseError } from '../findings.js';
import { parseDockerfile, type Dockerfile, type DockerfileComment } from '../parse/dockerfile.js';
import type { Reader, Reading, Unit } from '../reading.js';
import type { SourceFile } from '../source.js';
import { parseDirective, type Suppression } from '../suppress.js';

/** The suppression marker at the start of a comment, and the directive after it. */
const SUPPRESSION = /^bulwark:ignore\b(.*)$/s;

/**
 * Whether a path names a Dockerfile: `Dockerfile`, `Dockerfile.<variant>`, `<variant>.Dockerfile` or
 * `<variant>.dockerfile`. `Dockerfile.dockerignore` is the ignore file BuildKit pairs with a Dockerfile.
 */
export function isDockerfile(path: string): boolean {
  const name = baseName(path);
  if (name.endsWith('.dockerignore')) return false;
  return name === 'Dockerfile' || name.startsWith('Dockerfile.') || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile');
}

/** Dockerfiles: one unit per file, whose findings name their place (`stage[build].FROM`) instead of a tree path. */
export const dockerfileReader: Reader = {
  accepts: isDockerfile,
  read(file, reviewed) {
    const reading: Reading = { file, units: [], findings: [], suppressions: [] };
    // A NUL never occurs in a Dockerfile; a file that has one is binary, whatever its name.
    if (file.text.includes('\u0000')) return { ...reading, skipped: 'binary file, not a Dockerfile' };
    let parsed: ReturnType<typeof parseDockerfile>;
    try {
      parsed = parseDockerfile(file);
    } catch (error) {
      // dockerfile-ast is lenient and is not known to throw; should it ever, the file costs one finding.
      reading.findings.push(
        parseError(file, 0, `Dockerfile could not be parsed: ${error instanceof Error ? error.message : String(error)}`),
      );
      return reading;
    }
    const { dockerfile, comments } = parsed;
    if (dockerfile.stages.length === 0) {
      // Fragments assembled by other tooling (and templates) often have no FROM; Docker cannot build them alone.
      return { ...reading, skipped: 'no FROM instruction: not a Dockerfile Docker can build on its own' };
    }
    reading.units = [unitOf(dockerfile)];
    if (reviewed) reading.suppressions = suppressionsIn(file, comments);
    return reading;
  },
};

// The id names no path: the fingerprint holds the path, and a renamed Dockerfile keeps its findings' identity.
function unitOf(dockerfile: Dockerfile): Unit<Dockerfile> {
  return { platform: 'docker', subject: dockerfile, file: dockerfile.file, id: 'dockerfile' };
}

/**
 * `# bulwark:ignore <ids> -- <reason>` comments. Only whole-line comments exist in a Dockerfile (a `#`
 * after an instruction is part of its arguments), and lines inside heredocs are not comments: the parser
 * tells them apart, so suppressions come from its comments rather than from a text search.
 */
function suppressionsIn(file: SourceFile, comments: readonly DockerfileComment[]): Suppression[] {
  const found: Suppression[] = [];
  for (const comment of comments) {
    const directive = SUPPRESSION.exec(comment.content)?.[1];
    if (directive === undefined) continue;
    const { ruleIds, reason } = parseDirective(directive);
    if (ruleIds.length === 0) continue;
    found.push({ ruleIds, reason, start: comment.start, end: comment.end, line: file.position(comment.start).line });
  }
  return found;
}
