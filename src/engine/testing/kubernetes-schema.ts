import * as models from 'kubernetes-models';

interface Model {
  validate(): void;
}
type ModelClass = new (object: unknown) => Model;

/** `rbac.authorization.k8s.io` → `rbacAuthorizationK8sIo`, the name kubernetes-models exports a group under. */
function groupKey(group: string): string {
  return group.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * The problems the Kubernetes API schema finds in an object (offline: kubernetes-models' generated
 * validators), or undefined when the kind is not one of Kubernetes' own (a CRD, a CloudFormation template).
 */
export function schemaProblems(object: unknown): string | undefined | null {
  if (typeof object !== 'object' || object === null) return undefined;
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const exported = models as unknown as Record<string, Record<string, Record<string, ModelClass>> | Record<string, ModelClass>>;
  const module =
    group === ''
      ? (exported[version!] as Record<string, ModelClass> | undefined)
      : (exported[groupKey(group!)] as Record<string, Record<string, ModelClass>> | undefined)?.[version!];
  const Model = module?.[kind];
  if (typeof Model !== 'function') return undefined;
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
