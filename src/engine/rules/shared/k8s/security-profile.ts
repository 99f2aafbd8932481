import type { FixSafety, TextEdit } from '../../../model.js';
import {
  annotations,
  effectiveSetting,
  type Container,
  type EffectiveSetting,
  type Resource,
  type Workload,
} from '../../../parse/kubernetes.js';
import { YMap, YScalar, type Field } from '../../../parse/yaml.js';
import type { SourceFile } from '../../../source.js';
import type { Report } from '../../rule.js';
import { groupByCause, listContainers, settingMessage, type Affected } from './inherited-setting.js';
import { replaceWord } from '../../../fix.js';
import { describeObject } from './objects.js';

/**
 * The seccomp and AppArmor profile a container runs with. Both can be set by a `securityContext` field
 * (container or pod level) or by a legacy annotation on the pod metadata. Kubernetes turns a legacy
 * annotation into the matching field when the field is unset (for seccomp the API server does it on
 * create; for AppArmor the kubelet reads the annotation directly), so the precedence is:
 * the container's field, the container's annotation, the pod's field, the pod's annotation.
 */

export type ProfileType = 'RuntimeDefault' | 'Localhost' | 'Unconfined';

export type ProfileOrigin = 'container field' | 'container annotation' | 'pod field' | 'pod annotation';

export interface EffectiveProfile {
  /** Undefined when a field is set but names no profile type Kubernetes knows (`seccompProfile: {}`). */
  type: ProfileType | undefined;
  origin: ProfileOrigin;
  /** The `type` field, or the annotation: where findings point. */
  at: Field;
  /** The scalar holding the type or annotation value, for fixes. */
  value: YScalar | undefined;
}

/** One kind of profile: the securityContext field and the legacy annotations that stand for it. */
export interface ProfileKind {
  /** How messages name it. */
  label: string;
  field: 'seccompProfile' | 'appArmorProfile';
  containerAnnotation(containerName: string): string;
  podAnnotation: string | undefined;
  /** The profile a legacy annotation value stands for; undefined for values Kubernetes ignores. */
  annotationType(value: string): ProfileType | undefined;
  /** The annotation value that means `RuntimeDefault`. */
  runtimeDefaultAnnotation: string;
  /** Why moving a container to the runtime's default profile can break it. */
  fixRisk: FixSafety;
}

export const SECCOMP: ProfileKind = {
  label: 'seccomp',
  field: 'seccompProfile',
  containerAnnotation: (name) => `container.seccomp.security.alpha.kubernetes.io/${name}`,
  podAnnotation: 'seccomp.security.alpha.kubernetes.io/pod',
  annotationType: (value) => legacyProfileType(value, ['runtime/default', 'docker/default']),
  runtimeDefaultAnnotation: 'runtime/default',
  fixRisk: {
    safe: false,
    risk: "The runtime's default seccomp profile blocks rarely used system calls (mount, ptrace, keyctl, unshare); a workload that makes them fails.",
  },
};

export const APPARMOR: ProfileKind = {
  label: 'AppArmor',
  field: 'appArmorProfile',
  containerAnnotation: (name) => `container.apparmor.security.beta.kubernetes.io/${name}`,
  // AppArmor never had a pod-wide annotation.
  podAnnotation: undefined,
  annotationType: (value) => legacyProfileType(value, ['runtime/default']),
  runtimeDefaultAnnotation: 'runtime/default',
  fixRisk: {
    safe: false,
    risk: "The runtime's default AppArmor profile denies mounts, raw /proc and /sys writes and some capabilities; a workload that relies on them fails.",
  },
};

/** Legacy annotation values: `unconfined`, a spelling of the runtime default, or `localhost/<profile>`. */
function legacyProfileType(value: string, runtimeDefaults: readonly string[]): ProfileType | undefined {
  if (value === 'unconfined') return 'Unconfined';
  if (runtimeDefaults.includes(value)) return 'RuntimeDefault';
  if (value.startsWith('localhost/')) return 'Localhost';
  return undefined;
}

const PROFILE_TYPES: ReadonlySet<string> = new Set<ProfileType>(['RuntimeDefault', 'Localhost', 'Unconfined']);

export function effectiveProfile(kind: ProfileKind, workload: Workload, container: Container): EffectiveProfile | undefined {
  const setting = effectiveSetting(workload, container, kind.field);
  if (setting?.from === 'container') return fromField(setting, 'container field');
  const annotated = fromAnnotation(kind, workload, kind.containerAnnotation(container.name), 'container annotation');
  if (annotated) return annotated;
  if (setting) return fromField(setting, 'pod field');
  return kind.podAnnotation === undefined ? undefined : fromAnnotation(kind, workload, kind.podAnnotation, 'pod annotation');
}

function fromField(setting: EffectiveSetting, origin: ProfileOrigin): EffectiveProfile {
  const typeField = setting.node instanceof YMap ? setting.node.field('type') : undefined;
  if (!typeField || !(typeField.value instanceof YScalar)) {
    return { type: undefined, origin, at: { key: setting.key, value: setting.node }, value: undefined };
  }
  const written = typeField.value.text;
  const type = PROFILE_TYPES.has(written) ? (written as ProfileType) : undefined;
  return { type, origin, at: typeField, value: typeField.value };
}

function fromAnnotation(kind: ProfileKind, workload: Workload, key: string, origin: ProfileOrigin): EffectiveProfile | undefined {
  const field = annotations(workload.podMetadata)?.field(key);
  if (!field || !(field.value instanceof YScalar) || field.value.value === null) return undefined;
  const type = kind.annotationType(field.value.text);
  return type === undefined ? undefined : { type, origin, at: field, value: field.value };
}

/** Rewrites an `Unconfined` field or annotation to the container runtime's default profile. */
export function runtimeDefaultEdit(kind: ProfileKind, file: SourceFile, profile: EffectiveProfile): TextEdit | undefined {
  if (!profile.value) return undefined;
  const annotation = profile.origin === 'container annotation' || profile.origin === 'pod annotation';
  return replaceWord(file, profile.value, annotation ? kind.runtimeDefaultAnnotation : 'RuntimeDefault');
}

/**
 * The findings for every place that leaves some container of the workload with an `Unconfined`
 * profile, one per place: a pod-level setting inherited by three containers is one finding, and one
 * that every container overrides with its own profile is none.
 */
export function unconfinedFindings(kind: ProfileKind, resource: Resource): Report[] {
  const workload = resource.workload;
  if (!workload) return [];
  const affected: Array<Affected<EffectiveProfile>> = [];
  for (const container of workload.containers) {
    const profile = effectiveProfile(kind, workload, container);
    if (profile?.type === 'Unconfined') affected.push({ container, cause: profile.at.key, detail: profile });
  }
  return groupByCause(affected).map(({ detail: profile, containers }) => {
    const finding: Report = { at: profile.at, message: unconfinedMessage(kind, resource, profile, containers) };
    const edit = runtimeDefaultEdit(kind, resource.file, profile);
    if (edit) finding.fix = { description: `Use the container runtime's default ${kind.label} profile`, edits: [edit], ...kind.fixRisk };
    return finding;
  });
}

function unconfinedMessage(kind: ProfileKind, resource: Resource, profile: EffectiveProfile, containers: Container[]): string {
  const value = profile.value?.text ?? '';
  switch (profile.origin) {
    case 'container field':
      return settingMessage(resource, 'container', containers, `${kind.field}.type: ${value}`);
    case 'pod field':
      return settingMessage(resource, 'pod', containers, `${kind.field}.type: ${value}`);
    default:
      return `${describeObject(resource)} annotation ${profile.at.key.text}: ${value} runs ${listContainers(containers)} without ${kind.label} confinement`;
  }
}
