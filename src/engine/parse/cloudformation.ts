import type { SourceFile } from '../source.js';
import { IntrinsicNormalizer } from './cloudformation-intrinsics.js';
import type { IacResource } from './iac.js';
import { YMap, YScalar, type YDocument, type YNode } from './yaml.js';

/**
 * CloudFormation templates (YAML or JSON, already parsed with positions) read into the shared IaC shape:
 * one IacResource per entry of `Resources`, whatever its type (`AWS::Serverless::*` and nested stacks
 * are resources like any other).
 */

/** A template's resource, with its entry in `Resources` (intrinsics normalised): the root of its locators. */
export interface TemplateResource {
  resource: IacResource;
  node: YMap;
}

/**
 * Whether a document is a template: it declares `AWSTemplateFormatVersion`, or its `Resources` map holds
 * an entry of an `AWS::` type (templates may omit the version).
 */
export function isTemplate(root: YNode | undefined): root is YMap {
  if (!(root instanceof YMap)) return false;
  if (root.get('AWSTemplateFormatVersion') !== undefined) return true;
  const resources = root.map('Resources');
  return resources !== undefined && resources.values.some((entry) => entry instanceof YMap && typeOf(entry)?.startsWith('AWS::') === true);
}

/** The resources of every template among a file's documents, in source order. */
export function templateResources(file: SourceFile, documents: readonly YDocument[]): TemplateResource[] {
  const found: TemplateResource[] = [];
  const folder = folderOf(file.path);
  for (const document of documents) {
    const root = document.root;
    if (!isTemplate(root)) continue;
    const entries = root.map('Resources');
    if (!entries) continue;
    const normalizer = new IntrinsicNormalizer(root.map('Parameters'));
    for (let i = 0; i < entries.size; i++) {
      const header = entries.keys[i]!;
      const entry = entries.values[i]!;
      // Duplicate logical ids: CloudFormation rejects them; the last one is the one a rule sees, once.
      if (header.text === '' || entries.indexOf(header.text) !== i || !(entry instanceof YMap)) continue;
      const type = typeOf(entry);
      if (type === undefined) continue;
      const node = normalizer.normalize(entry);
      if (!(node instanceof YMap)) continue;
      const body = bodyOf(node, header);
      // Properties computed by a function (`!If`) are unknown as a whole: an empty body would read as
      // "every property absent", and no rule may fire on what the engine cannot see.
      if (!body) continue;
      found.push({
        resource: {
          platform: 'cloudformation',
          file,
          kind: 'resource',
          type,
          name: header.text,
          header,
          body,
          folder,
          ...propertiesKey(node),
        },
        node,
      });
    }
  }
  return found;
}

/** A resource's `Type`, when it is a plain string (an intrinsic there is not a template CloudFormation accepts). */
function typeOf(entry: YMap): string | undefined {
  const type = entry.get('Type');
  if (!(type instanceof YScalar) || type.tag !== undefined || typeof type.value !== 'string' || type.value === '') return undefined;
  return type.text;
}

function propertiesKey(entry: YMap): { bodyKey?: YScalar } {
  const key = entry.keyNode('Properties');
  return key ? { bodyKey: key } : {};
}

/**
 * The `Properties` map; for a resource without one (or with an empty `Properties:`), an empty map at the
 * logical id, where findings about absent properties point. Undefined when the properties are not a map.
 */
function bodyOf(entry: YMap, header: YScalar): YMap | undefined {
  const properties = entry.get('Properties');
  if (properties instanceof YMap) return properties;
  if (properties === undefined || (properties instanceof YScalar && properties.value === null && properties.tag === undefined)) {
    return new YMap(header.start, false, undefined);
  }
  return undefined;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}
