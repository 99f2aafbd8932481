import { templateResources, type TemplateResource } from '../parse/cloudformation.js';
import type { IacResource } from '../parse/iac.js';
import type { YDocument } from '../parse/yaml.js';
import type { Unit } from '../reading.js';
import type { SourceFile } from '../source.js';

/**
 * CloudFormation resources of a YAML or JSON file's documents, one unit each. Documents that are not
 * templates (Kubernetes manifests, any other YAML) give none.
 */
export function cloudFormationUnits(file: SourceFile, documents: readonly YDocument[]): Unit[] {
  return templateResources(file, documents).map(unitOf);
}

function unitOf({ resource, node }: TemplateResource): Unit<IacResource> {
  return { platform: 'cloudformation', subject: resource, file: resource.file, root: node, id: `cloudformation:${resource.name}` };
}
