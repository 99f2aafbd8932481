import { ruleTable } from '../../testing/rule-table.js';
import { remoteBaseUnpinned } from './remote-base-unpinned.js';

ruleTable(remoteBaseUnpinned, {
  valid: [
    {
      name: 'local bases, files and components',
      yaml: `
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../base
          - deployment.yaml
          - ./service.yml
          - github.com.local/not-a-host
        components:
          - ../components/monitoring
      `,
    },
    {
      name: 'remote bases pinned by commit or tag',
      yaml: `
        resources:
          - https://github.com/kubernetes-sigs/kustomize//examples/multibases/dev/?ref=51d462976d84fdea54b47d80dcabbf680badcdb8
          - github.com/example-corp/platform/base?ref=v1.4.2
          - git@github.com:example-corp/platform.git//overlays/prod?ref=refs/tags/release-2024.05
          - ssh://git@gitlab.com/example-corp/platform.git//base?version=v3.0.0
        bases:
          - https://gitlab.example.com/platform/base.git?ref=9f2c1e7
      `,
    },
    {
      name: 'remote files whose URL names a release',
      yaml: `
        resources:
          - https://github.com/cert-manager/cert-manager/releases/download/v1.14.5/cert-manager.yaml
          - https://raw.githubusercontent.com/example-corp/platform/51d462976d84fdea54b47d80dcabbf680badcdb8/deploy.yaml
      `,
    },
  ],
  invalid: [
    {
      name: 'no ref, a branch, HEAD, and a branch-like name',
      yaml: `
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - github.com/example-corp/platform/base
          - https://github.com/example-corp/platform//base?ref=main
          - ../local
          - git@github.com:example-corp/platform.git//base?ref=HEAD
        components:
          - https://github.com/example-corp/components//monitoring?ref=feature/login
      `,
      lines: [4, 5, 7, 9],
    },
    {
      name: 'bases (the old list), quoted, flow style',
      yaml: `
        bases: ["github.com/example-corp/platform//base?ref=develop"]
      `,
      lines: [1],
      message: 'pins ref=develop, a branch that moves with every push',
    },
    {
      name: 'keys in any case, as Kustomize reads them',
      yaml: `
        Resources:
          - github.com/example-corp/platform/base
        BASES:
          - https://github.com/example-corp/platform//base?ref=main
      `,
      lines: [2, 4],
    },
    {
      name: 'the message says the default branch is followed',
      path: 'overlays/prod/kustomization.yaml',
      yaml: `
        resources:
          - https://github.com/example-corp/platform//base
      `,
      lines: [2],
      message:
        'resources entry "https://github.com/example-corp/platform//base" is a remote base with no ?ref=, so it follows the repository\'s default branch',
    },
    {
      name: 'a remote file on a branch',
      yaml: `
        resources:
          - https://raw.githubusercontent.com/example-corp/platform/main/deploy.yaml
      `,
      lines: [2],
      message: 'is a remote file whose URL names no release tag or commit',
    },
  ],
});
