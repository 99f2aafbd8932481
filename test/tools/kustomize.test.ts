import { describe, expect, test } from '@jest/globals';
import { placed, realTools, scanRendered } from './support.js';

const FIXTURES = 'test/fixtures/overlays';

describe('Kustomize overlays built with the real kubectl kustomize, findings at their source lines', () => {
  test('a patch that introduces privileged: true is reported at the patch line; an images override at its entry', async () => {
    const { result, renderings } = await scanRendered([`${FIXTURES}/base`, `${FIXTURES}/overlays/prod`]);
    expect(renderings.map((r) => [r.folder, r.problem?.message])).toEqual([[`${FIXTURES}/overlays/prod`, undefined]]);
    expect(placed(result.findings)).toEqual([
      // The base scanned as itself; the overlay's twin of this finding is not repeated.
      `${FIXTURES}/base/deployment.yaml:21 k8s/image-not-pinned-by-digest`,
      `${FIXTURES}/overlays/prod/kustomization.yaml:11 k8s/image-latest-tag`,
      `${FIXTURES}/overlays/prod/privileged.yaml:11 k8s/privileged-container`,
    ]);
    const privileged = result.findings.find((f) => f.ruleId === 'k8s/privileged-container')!;
    expect(privileged.message).toBe('Deployment "prod-web" container "web" sets privileged: true');
    expect(privileged.range.start).toEqual({ line: 11, column: 13 });
    // The patch is a fragment of an object: never scanned as a manifest of its own.
    expect(result.findings.filter((f) => f.path.endsWith('privileged.yaml') && f.ruleId !== 'k8s/privileged-container')).toEqual([]);
    // ...and, the overlay being built, it is not listed as skipped either.
    expect(result.skipped).toEqual([]);
  });

  test('an inline JSON 6902 patch is reported at its line inside kustomization.yaml', async () => {
    const { result } = await scanRendered([`${FIXTURES}/overlays/staging`]);
    expect(placed(result.findings)).toEqual([
      // The base is not among the scanned files, but the overlay builds it: its findings point into it.
      `${FIXTURES}/base/deployment.yaml:21 k8s/image-not-pinned-by-digest`,
      `${FIXTURES}/overlays/staging/kustomization.yaml:13 k8s/host-network`,
    ]);
    expect(result.findings[1]!.range.start).toEqual({ line: 13, column: 9 });
  });

  test('overlays built at once over one base each map to their own patches', async () => {
    const { result, renderings } = await scanRendered([`${FIXTURES}/base`, `${FIXTURES}/overlays/prod`, `${FIXTURES}/overlays/staging`]);
    expect(renderings.map((r) => r.folder)).toEqual([`${FIXTURES}/overlays/prod`, `${FIXTURES}/overlays/staging`]);
    expect(placed(result.findings)).toEqual([
      `${FIXTURES}/base/deployment.yaml:21 k8s/image-not-pinned-by-digest`,
      `${FIXTURES}/overlays/prod/kustomization.yaml:11 k8s/image-latest-tag`,
      `${FIXTURES}/overlays/prod/privileged.yaml:11 k8s/privileged-container`,
      `${FIXTURES}/overlays/staging/kustomization.yaml:13 k8s/host-network`,
    ]);
  });

  test('remote resources and paths leaving the repository are refused with a clear message, at their entry', async () => {
    const { result } = await scanRendered([`${FIXTURES}/overlays/remote`, `${FIXTURES}/overlays/escape`]);
    expect(placed(result.findings)).toEqual([
      `${FIXTURES}/overlays/escape/kustomization.yaml:4 bulwark/not-rendered`,
      `${FIXTURES}/overlays/remote/kustomization.yaml:4 bulwark/not-rendered`,
    ]);
    expect(result.findings.map((f) => f.message)).toEqual([
      `Kustomize overlay ${FIXTURES}/overlays/escape not rendered: resource "../../../../../../../etc" leaves the repository; refused`,
      `Kustomize overlay ${FIXTURES}/overlays/remote not rendered: resource "https://github.com/example-corp/platform//base?ref=v1.2.0" is remote, and Bulwark fetches nothing from the network; vendor it into the repository (without it the overlay does not build: error: kustomization.yaml is empty)`,
    ]);
  });

  test('without kustomize or kubectl, one info finding per overlay', async () => {
    const { result } = await scanRendered([`${FIXTURES}/overlays/prod`], { tools: { ...realTools(), kustomize: undefined } });
    expect(placed(result.findings)).toEqual([`${FIXTURES}/overlays/prod/kustomization.yaml:1 bulwark/not-rendered`]);
  });

  test('an overlay that does not build is one parse error on its kustomization, with the message of kustomize', async () => {
    const { result } = await scanRendered([`${FIXTURES}/broken`]);
    expect(placed(result.findings)).toEqual([`${FIXTURES}/broken/kustomization.yaml:1 bulwark/parse-error`]);
    expect(result.findings[0]!.message).toContain('missing.yaml');
  });
});
