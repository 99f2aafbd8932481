import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The external renderers, found the way a user expects: named by BULWARK_HELM / BULWARK_KUSTOMIZE /
 * BULWARK_KUBECTL, else `helm`, `kustomize` or `kubectl` on PATH (GitHub's hosted runners have helm and
 * kubectl). Kustomize is `kustomize build` or `kubectl kustomize`, whichever is found first.
 */
export interface Tools {
  helm: string | undefined;
  kustomize: { command: string; args: string[]; name: string } | undefined;
}

export function findTools(env: NodeJS.ProcessEnv = process.env): Tools {
  const onPath = (name: string) => findExecutable(name, env.PATH ?? '');
  const named = (variable: string) => {
    const value = env[variable]?.trim();
    if (!value) return undefined;
    return isAbsolute(value) || value.includes('/') ? (isExecutable(value) ? value : undefined) : onPath(value);
  };
  const helm = named('BULWARK_HELM') ?? onPath('helm');
  const kustomizeBin = named('BULWARK_KUSTOMIZE');
  const kubectlBin = named('BULWARK_KUBECTL');
  let kustomize: Tools['kustomize'];
  if (kustomizeBin) kustomize = { command: kustomizeBin, args: ['build'], name: 'kustomize' };
  else if (kubectlBin) kustomize = { command: kubectlBin, args: ['kustomize'], name: 'kubectl' };
  else {
    const standalone = onPath('kustomize');
    const kubectl = standalone ? undefined : onPath('kubectl');
    if (standalone) kustomize = { command: standalone, args: ['build'], name: 'kustomize' };
    else if (kubectl) kustomize = { command: kubectl, args: ['kustomize'], name: 'kubectl' };
  }
  return { helm, kustomize };
}

export function findExecutable(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
