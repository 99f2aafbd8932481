import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TERRAFORM_BYTES } from '../src/engine/config.js';
import { MB } from './measure.js';
import { peakRss, type PeakRss } from './processes.js';
import { fmt, type Check } from './report.js';
import { terraformFileCorpus } from './terraform-corpus.js';

/**
 * Peak memory of `bulwark scan` on one large `.tf` file. Parsing HCL takes about 170 bytes of memory per
 * byte of input (tree-sitter's tree in wasm memory, which never shrinks, and its plain copy), so `.tf`
 * files have their own size limit (limits.maxTerraformBytes). Three runs of the built CLI:
 *  - a file just under the limit, parsed;
 *  - a 5 MB file, over the limit: reported, not parsed;
 *  - the same 5 MB file with the limit raised past it: what scanning it costs, as it did before the limit.
 */

const LARGE_BYTES = 5 * 1000 * 1000;
/** Lines of the generated corpus per byte, about: the corpus is grown by lines, then cut at a block. */
const BYTES_PER_LINE = 25;

export interface TerraformMemory {
  underLimit: { bytes: number; rss: PeakRss };
  overLimit: { bytes: number; rss: PeakRss };
  uncapped: { bytes: number; rss: PeakRss };
}

/** A generated `.tf` file of at most `bytes`, cut after a whole block so it stays valid HCL. */
function tfText(bytes: number): string {
  const text = terraformFileCorpus(Math.ceil((bytes * 1.2) / BYTES_PER_LINE)).files[0]!.text;
  const cut = text.lastIndexOf('\n}\n', bytes - 3);
  return text.slice(0, cut + 3);
}

export async function measureTerraformMemory(cli: string, workdir: string): Promise<TerraformMemory> {
  const write = (name: string, text: string) => {
    const folder = join(workdir, 'terraform-memory', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'main.tf'), text);
    return folder;
  };
  const under = tfText(MAX_TERRAFORM_BYTES);
  const large = tfText(LARGE_BYTES);
  const underFolder = write('under-limit', under);
  const largeFolder = write('over-limit', large);
  const raised = join(workdir, 'terraform-memory', 'raised-limit.yml');
  writeFileSync(raised, `limits:\n  maxTerraformBytes: ${LARGE_BYTES * 2}\n`);
  return {
    underLimit: { bytes: Buffer.byteLength(under), rss: await peakRss(cli, underFolder, workdir) },
    overLimit: { bytes: Buffer.byteLength(large), rss: await peakRss(cli, largeFolder, workdir) },
    uncapped: { bytes: Buffer.byteLength(large), rss: await peakRss(cli, largeFolder, workdir, ['--config', raised]) },
  };
}

export function printTerraformMemory(memory: TerraformMemory): void {
  const line = (label: string, figure: { bytes: number; rss: PeakRss }) =>
    `  ${label}: ${fmt.mb(figure.bytes / MB)} .tf, peak RSS ${fmt.mb(figure.rss.mb)}, ${fmt.ms(figure.rss.wallMs)} wall`;
  console.log(
    `\nTerraform memory: node dist/cli.js scan of one large .tf file (limits.maxTerraformBytes = ${MAX_TERRAFORM_BYTES} bytes, via ${memory.underLimit.rss.via})`,
  );
  console.log(line('under the limit, parsed', memory.underLimit));
  console.log(line('over the limit, reported and not parsed', memory.overLimit));
  console.log(line('over the limit, limit raised (as before the limit)', memory.uncapped));
}

/** The 5 MB file must cost no more than the limit allows; the uncapped figure is reported, for scale. */
export function terraformMemoryChecks(memory: TerraformMemory, rssTargetMb: number): Check[] {
  return [
    {
      figure: `Terraform: peak RSS, ${fmt.mb(memory.underLimit.bytes / MB)} .tf (under limits.maxTerraformBytes)`,
      measured: fmt.mb(memory.underLimit.rss.mb),
      target: `< ${rssTargetMb} MB`,
      pass: memory.underLimit.rss.mb < rssTargetMb,
    },
    {
      figure: `Terraform: peak RSS, ${fmt.mb(memory.overLimit.bytes / MB)} .tf (over the limit; uncapped: ${fmt.mb(memory.uncapped.rss.mb)})`,
      measured: fmt.mb(memory.overLimit.rss.mb),
      target: `< ${rssTargetMb} MB`,
      pass: memory.overLimit.rss.mb < rssTargetMb,
    },
  ];
}
