import { isTemplated, looksLikeCloudFormation, looksLikeKubernetes } from '../detect.js';
import { parseError } from '../findings.js';
import { resourcesOf, type Resource } from '../parse/kubernetes.js';
import { yamlDocuments, YScalar, type ParsedYaml } from '../parse/yaml.js';
import type { Reader, Reading, Unit } from '../reading.js';
import { chartOf, isChartCrd, isChartTemplate, isChartValues, overlayOfPatch } from './chart.js';
import { cloudFormationUnits } from './cloudformation.js';
import type { SourceFile } from '../source.js';
import { findSuppressions, parseDirective, type Suppression } from '../suppress.js';

const IGNORE_ANNOTATION = 'bulwark.dev/ignore';

/**
 * YAML and JSON files: Kubernetes manifests (documents with `apiVersion` and `kind`) and CloudFormation
 * templates, which share the parser and its positions. (`Chart.yaml` and kustomizations have their own
 * reader, ahead of this one.)
 */
export const yamlReader: Reader = {
  accepts(path) {
    const lower = path.toLowerCase();
    return lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.json');
  },
  read(file, reviewed, scope) {
    const place = chartOf(file.path, scope);
    if (place !== undefined && isChartTemplate(place.inner)) {
      return { ...empty(file), skipped: `template of the Helm chart ${place.chart}: scanned only when its chart is rendered` };
    }
    const overlay = overlayOfPatch(file.path, scope);
    if (overlay !== undefined) {
      return { ...empty(file), skipped: `patch of the Kustomize overlay ${overlay}: scanned when the overlay is built` };
    }
    // Template text matters only inside a chart, whose templates may read other files through `.Files` and
    // `tpl`; CRDs are installed as they are. Anywhere else `{{` is just text, and the file is read as YAML.
    const templated = reviewed && isTemplated(file.text);
    if (templated && place !== undefined && !isChartCrd(place.inner)) {
      const what = isChartValues(place.inner) ? 'values file' : 'file';
      return {
        ...empty(file),
        skipped: `${what} of the Helm chart ${place.chart} holding template text: read by helm when the chart is rendered`,
      };
    }
    const reading = empty(file);
    reading.units = units(reading, reviewed, templated);
    return reading;
  },
};

/** The file's objects, a document at a time; completes the reading's findings and suppressions at the end. */
function* units(reading: Reading, reviewed: boolean, templated: boolean): Generator<Unit> {
  const { file } = reading;
  const parsed: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
  const nameless = new NamelessObjects();
  for (const document of yamlDocuments(file.text, parsed)) {
    for (const resource of resourcesOf(file, [document])) yield unitOf(resource, nameless);
    yield* cloudFormationUnits(file, [document]);
  }
  if (parsed.errors.length > 0) {
    // Template text outside a chart that cannot be read is a finding, never a skip: it could hide anything.
    if (templated || looksLikeKubernetes(file.text) || looksLikeCloudFormation(file.text)) {
      for (const error of parsed.errors) reading.findings.push(parseError(file, error.offset, `invalid YAML: ${error.message}`));
    } else {
      reading.skipped = `not valid YAML (${parsed.errors[0]!.message}), and does not look like a Kubernetes manifest or CloudFormation template`;
    }
  }
  if (reviewed) reading.suppressions.push(...findSuppressions(file, ['#'], parsed.stringRanges));
}

function empty(file: SourceFile): Reading {
  return { file, units: [], findings: [], suppressions: [] };
}

export function unitOf(resource: Resource, nameless?: NamelessObjects): Unit<Resource> {
  const unit: Unit<Resource> = {
    platform: 'k8s',
    subject: resource,
    file: resource.file,
    root: resource.node,
    id: objectId(resource, nameless),
  };
  const ignore = annotationSuppression(resource);
  if (ignore) unit.ignore = ignore;
  return unit;
}

/**
 * Objects without a name (an audit `Policy`, a `KubeletConfiguration`) are told apart by their place among
 * the file's nameless objects of the same kind, not by document index: a document added above them, or a
 * named one, leaves their identity (and the fingerprints of their findings) as it was.
 */
export class NamelessObjects {
  private readonly seen = new Map<string, number>();

  next(kind: string): number {
    const count = this.seen.get(kind) ?? 0;
    this.seen.set(kind, count + 1);
    return count;
  }
}

function objectId(resource: Resource, nameless: NamelessObjects | undefined): string {
  const name =
    resource.name ??
    (nameless
      ? `(unnamed #${nameless.next(resource.kind)})`
      : `document-${resource.document}${resource.listItem === undefined ? '' : `-item-${resource.listItem}`}`);
  return `${resource.kind}/${resource.namespace ?? ''}/${name}`;
}

function annotationSuppression(resource: Resource): Suppression | undefined {
  const node = resource.metadata?.map('annotations')?.get(IGNORE_ANNOTATION);
  if (!(node instanceof YScalar) || node.value === null) return undefined;
  const { ruleIds, reason } = parseDirective(node.text);
  return { ruleIds, reason, start: node.start, end: node.end, line: resource.file.position(node.start).line };
}
