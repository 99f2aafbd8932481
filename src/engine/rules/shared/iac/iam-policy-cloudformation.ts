import { isUnknown, type IacResource } from '../../../parse/iac.js';
import { jsonInString } from '../../../parse/terraform.js';
import { recordOrigin, type StringPiece } from '../../../parse/terraform-strings.js';
import { YMap, YScalar, YSeq, type YNode } from '../../../parse/yaml.js';
import { jsonStatements, type PolicyDocument, type PolicyRole } from './iam-policy.js';

/**
 * Where CloudFormation keeps AWS policy documents: `PolicyDocument` of the IAM policy resources,
 * `Policies[].PolicyDocument` and `AssumeRolePolicyDocument` of roles, users and groups, an SSO
 * permission set's `InlinePolicy`, and the ECR repository and registry policies. A document is a JSON
 * object in the template, or (accepted by CloudFormation too) a JSON string.
 */

interface PolicyProperty {
  property: string;
  role: PolicyRole;
}

const POLICY_DOCUMENT: readonly PolicyProperty[] = [{ property: 'PolicyDocument', role: 'identity' }];

/** Properties that hold a policy document, by resource type. */
const POLICY_PROPERTIES: Readonly<Record<string, readonly PolicyProperty[]>> = {
  'AWS::IAM::Policy': POLICY_DOCUMENT,
  'AWS::IAM::ManagedPolicy': POLICY_DOCUMENT,
  'AWS::IAM::RolePolicy': POLICY_DOCUMENT,
  'AWS::IAM::UserPolicy': POLICY_DOCUMENT,
  'AWS::IAM::GroupPolicy': POLICY_DOCUMENT,
  'AWS::IAM::Role': [{ property: 'AssumeRolePolicyDocument', role: 'trust' }],
  'AWS::SSO::PermissionSet': [{ property: 'InlinePolicy', role: 'identity' }],
  'AWS::ECR::Repository': [{ property: 'RepositoryPolicyText', role: 'repository' }],
  'AWS::ECR::RegistryPolicy': [{ property: 'PolicyText', role: 'registry' }],
};

/** Resources with inline `Policies: [{PolicyName, PolicyDocument}]` and `ManagedPolicyArns`. */
export const PRINCIPAL_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);

/** The types whose policy documents the IAM and ECR policy rules read. */
export const CLOUDFORMATION_POLICY_TYPES: readonly string[] = [...new Set([...Object.keys(POLICY_PROPERTIES), ...PRINCIPAL_TYPES])];

function document(node: YNode | undefined, resource: IacResource, owner: string, role: PolicyRole): PolicyDocument | undefined {
  if (node instanceof YMap) return { statements: jsonStatements(node), owner, roles: new Set([role]) };
  if (!(node instanceof YScalar) || isUnknown(node) || typeof node.value !== 'string') return undefined;
  const root = blockScalarJson(node, resource) ?? jsonInString(node, resource.file);
  return root ? { statements: jsonStatements(root), owner, roles: new Set([role]), within: node } : undefined;
}

const LITERAL = 4;
const FOLDED = 5;

/**
 * JSON written in a YAML block scalar (`PolicyDocument: |` or `>`), with each node at its own line: the
 * content lines as written, indentation removed, joined by line breaks. A folded scalar joins its lines
 * with spaces instead, which JSON reads the same outside strings (and JSON strings do not span lines).
 */
function blockScalarJson(node: YScalar, resource: IacResource): YNode | undefined {
  if (node.style !== LITERAL && node.style !== FOLDED) return undefined;
  const text = resource.file.text;
  const lines: Array<[number, number]> = [];
  for (let at = node.start; at < node.end;) {
    let end = text.indexOf('\n', at);
    if (end === -1 || end > node.end) end = node.end;
    lines.push([at, end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end]);
    at = end + 1;
  }
  const first = lines.find(([from, to]) => text.slice(from, to).trim() !== '');
  if (!first) return undefined;
  const indent = /^[ ]*/.exec(text.slice(first[0], first[1]))![0].length;
  const pieces: StringPiece[] = [];
  for (const [from, to] of lines) {
    const start = Math.min(from + indent, to);
    if (pieces.length > 0) pieces.push({ text: '\n', at: from, exact: false });
    if (to > start) pieces.push({ text: text.slice(start, to), at: start, exact: true });
  }
  const joined = pieces.map((piece) => piece.text).join('');
  const copy = new YScalar(node.start, node.end, joined, joined, LITERAL, undefined, false);
  recordOrigin(copy, pieces);
  return jsonInString(copy, resource.file);
}

const documentsByResource = new WeakMap<IacResource, PolicyDocument[]>();

/** The policy documents of a CloudFormation resource. */
export function cloudFormationDocuments(resource: IacResource): PolicyDocument[] {
  let documents = documentsByResource.get(resource);
  if (documents) return documents;
  documents = [];
  for (const spec of POLICY_PROPERTIES[resource.type] ?? []) {
    const found = document(resource.body.get(spec.property), resource, resource.name, spec.role);
    if (found) documents.push(found);
  }
  if (PRINCIPAL_TYPES.has(resource.type)) {
    const policies = resource.body.get('Policies');
    for (const entry of policies instanceof YSeq ? policies.items : []) {
      if (!(entry instanceof YMap)) continue;
      const name = entry.str('PolicyName');
      const owner = `${resource.name} policy ${name === undefined ? '(unnamed)' : JSON.stringify(name)}`;
      const found = document(entry.get('PolicyDocument'), resource, owner, 'identity');
      if (found) documents.push(found);
    }
  }
  documentsByResource.set(resource, documents);
  return documents;
}
