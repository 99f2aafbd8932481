import type { YDocument } from '../parse/yaml.js';
import type { Unit } from '../reading.js';
import type { SourceFile } from '../source.js';

/** CloudFormation resources of a template's documents. (Not read yet: the CloudFormation support lands next.) */
export function cloudFormationUnits(_file: SourceFile, _documents: readonly YDocument[]): Unit[] {
  return [];
}
