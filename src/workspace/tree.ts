import type { Config } from '../engine/config.js';
import type { SkippedFile, SourceInput } from '../engine/model.js';
import { initTerraformParserFor } from '../engine/parse/terraform.js';
import type { Rendering } from '../engine/rendered/rendering.js';
import { collectFiles } from '../adapters/fs/walk.js';
import { diskFiles } from '../adapters/tools/files.js';
import { mayNeedRendering, prepareRenderings, sandboxNotice } from '../adapters/tools/prepare.js';
import { deploymentContext } from './deployment-context.js';
import { MissingPathsError } from './repository-root.js';

/**
 * A checked-out tree as a scan reads it, for `bulwark scan` and the Action's push scan alike: the files
 * under the scanned paths, what they need read beside them, and what was met and not read.
 */
export interface Tree {
  root: string;
  config: Config;
  /** The files scanned and reported on. */
  files: SourceInput[];
  /**
   * Files read without reporting on them: the `Chart.yaml`, `Chart.lock` and kustomization around a scanned
   * file, and the files of the folders `policies.paths` names (their ValidatingAdmissionPolicies).
   */
  context: SourceInput[];
  skipped: SkippedFile[];
  /** Files read as they are on disk (a regular UTF-8 file, not through a link): the only ones a fix may write. */
  fixable: Set<string>;
}

/** Walks the scanned paths (relative to the root, or absolute); a path that does not exist is a MissingPathsError. */
export async function readTree(root: string, paths: readonly string[], config: Config): Promise<Tree> {
  const { include, exclude } = config.paths;
  const { maxFileBytes } = config.limits;
  const walked = await collectFiles(paths.length > 0 ? paths : ['.'], { root, include, exclude, maxFileBytes });
  if (walked.missing.length > 0) throw new MissingPathsError(walked.missing);
  const context = [...(await deploymentContext(root, walked.files, maxFileBytes)), ...(await policyFolders(root, walked.files, config))];
  await initTerraformParserFor(walked.files);
  return { root, config, files: walked.files, context, skipped: walked.skipped, fixable: walked.fixable };
}

/** Files of the folders `policies.paths` names, read for their ValidatingAdmissionPolicies though not scanned. */
async function policyFolders(root: string, files: readonly SourceInput[], config: Config): Promise<SourceInput[]> {
  const folders = config.policies.paths;
  if (folders.length === 0) return [];
  const have = new Set(files.map((file) => file.path));
  const walked = await collectFiles(folders, { root, include: [], exclude: [], maxFileBytes: config.limits.maxFileBytes });
  return walked.files.filter((file) => !have.has(file.path));
}

export interface TreeRenderings {
  renderings: Rendering[];
  /** Said once at the start of the run: helm and kustomize have no sandbox here (and what the configuration does about it). */
  sandboxNotice?: string;
  /** How charts were rendered (a dependency taken from the repository), once each. */
  notes: string[];
}

/**
 * Renders the charts and overlays among the tree's files with helm and kustomize, in the sandbox. `files`
 * replaces the tree's own when they changed since it was read (the CLI renders after `--fix`).
 */
export async function renderTree(tree: Tree, files: readonly SourceInput[] = tree.files): Promise<TreeRenderings> {
  const scanned = [...files, ...tree.context].map((file) => file.path);
  if (!mayNeedRendering(scanned)) return { renderings: [], notes: [] };
  const repository = diskFiles(tree.root, tree.config.limits.maxFileBytes);
  const notice = await sandboxNotice(tree.config);
  const renderings = await prepareRenderings({
    paths: await repository.list('.'),
    files: repository,
    config: tree.config,
    select: { scanned: new Set(scanned) },
  });
  const notes = [...new Set(renderings.flatMap((rendering) => rendering.notes ?? []))];
  return { renderings, notes, ...(notice ? { sandboxNotice: notice } : {}) };
}
