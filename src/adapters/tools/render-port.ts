import type { RenderPort } from '../../review/ports.js';
import { portFiles } from './files.js';
import { renderBudget, type RenderOptions } from './options.js';
import { mayNeedRendering, prepareRenderings } from './prepare.js';

/**
 * The review's render port over the real tools: `helm` and `kubectl`/`kustomize` found on PATH or through
 * BULWARK_HELM / BULWARK_KUBECTL / BULWARK_KUSTOMIZE (or those `options` name), run in the sandbox. `prepare`
 * is replaced only by tests that watch what each render is asked.
 */
export function toolRenderer(options?: Partial<RenderOptions>, prepare: typeof prepareRenderings = prepareRenderings): RenderPort {
  return {
    forReview(config) {
      const budget = renderBudget(config.render.timeBudgetSeconds * 1000);
      return async ({ paths, readable, read, changed }) =>
        mayNeedRendering(readable)
          ? prepare({ paths, files: portFiles(readable, read), config, select: { changed }, budget, ...(options ? { options } : {}) })
          : [];
    },
  };
}
