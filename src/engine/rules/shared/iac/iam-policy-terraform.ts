import { blocks, isReference, type IacResource, type IacSet } from '../../../parse/iac.js';
import { addressOf, JSONENCODE_TAG, jsonInString } from '../../../parse/terraform.js';
import { YMap, YScalar, YSeq, type YNode } from '../../../parse/yaml.js';
import { blockStatements, jsonStatements, type PolicyDocument, type PolicyRole } from './iam-policy.js';

/**
 * Where Terraform keeps AWS policy documents: JSON in a string or heredoc, `jsonencode(...)`, or a
 * `data "aws_iam_policy_document"` that a resource refers to with `data.aws_iam_policy_document.x.json`.
 * A document written in a data source is read there, once, whoever uses it: resources that refer to it
 * only tell what it is used as. A data source that nothing scanned uses is still read, each statement
 * for what it looks like.
 */

const DOCUMENT_TYPE = 'aws_iam_policy_document';

interface PolicyAttribute {
  attribute: string;
  role: PolicyRole;
  /** A nested block that holds the attribute (`inline_policy { policy = ... }`). */
  block?: string;
}

/** Attributes that hold a policy document, by resource type, and what the document is used as. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly PolicyAttribute[]>> = {
  aws_iam_policy: [{ attribute: 'policy', role: 'identity' }],
  aws_iam_role_policy: [{ attribute: 'policy', role: 'identity' }],
  aws_iam_user_policy: [{ attribute: 'policy', role: 'identity' }],
  aws_iam_group_policy: [{ attribute: 'policy', role: 'identity' }],
  aws_ssoadmin_permission_set_inline_policy: [{ attribute: 'inline_policy', role: 'identity' }],
  aws_iam_role: [
    { attribute: 'assume_role_policy', role: 'trust' },
    { block: 'inline_policy', attribute: 'policy', role: 'identity' },
  ],
  aws_ecr_repository_policy: [{ attribute: 'policy', role: 'repository' }],
  aws_ecr_registry_policy: [{ attribute: 'policy', role: 'registry' }],
};

const POLICY_TYPES = Object.keys(POLICY_ATTRIBUTES);

/** The types whose policy documents the IAM and ECR policy rules read: policy holders and the document data source. */
export const TERRAFORM_POLICY_TYPES: readonly string[] = [...POLICY_TYPES, DOCUMENT_TYPE];

/** Attributes of a policy document data source that merge other documents into it (the last two are the provider's older names). */
const MERGED_ATTRIBUTES = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

/** `data.aws_iam_policy_document.x.json` (or `.minified_json`, or an instance `x[0]`): the data source's name. */
const DOCUMENT_REFERENCE = /^data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.(?:minified_)?json$/;

function referencedDocument(node: YNode | undefined): string | undefined {
  return isReference(node) ? DOCUMENT_REFERENCE.exec(node.text)?.[1] : undefined;
}

/** The document a policy value holds, when it is written there (not a reference, not unknown). */
function parsedDocument(node: YNode | undefined, resource: IacResource): Pick<PolicyDocument, 'statements' | 'within'> | undefined {
  if ((node instanceof YMap || node instanceof YSeq) && node.tag === JSONENCODE_TAG) return { statements: jsonStatements(node) };
  if (!(node instanceof YScalar) || isReference(node)) return undefined;
  // An unknown string is still read when its JSON is: an interpolated ARN leaves only that value unknown.
  const root = jsonInString(node, resource.file);
  return root ? { statements: jsonStatements(root), within: node } : undefined;
}

interface PolicyValue {
  node: YNode;
  role: PolicyRole;
  /** The owner as messages name it: `aws_iam_role.ci`, `aws_iam_role.ci inline_policy "logs"`. */
  owner: string;
}

function policyValues(resource: IacResource): PolicyValue[] {
  const specs = resource.kind === 'resource' ? POLICY_ATTRIBUTES[resource.type] : undefined;
  if (!specs) return [];
  const address = addressOf(resource);
  const values: PolicyValue[] = [];
  for (const spec of specs) {
    if (spec.block === undefined) {
      const node = resource.body.get(spec.attribute);
      if (node) values.push({ node, role: spec.role, owner: address });
      continue;
    }
    for (const block of blocks(resource.body, spec.block)) {
      const node = block.get(spec.attribute);
      const name = block.str('name');
      if (node)
        values.push({ node, role: spec.role, owner: `${address} ${spec.block}${name === undefined ? '' : ` ${JSON.stringify(name)}`}` });
    }
  }
  return values;
}

function mergedValues(body: YMap): YNode[] {
  const values: YNode[] = [];
  for (const attribute of MERGED_ATTRIBUTES) {
    const node = body.get(attribute);
    if (node instanceof YSeq && node.tag !== JSONENCODE_TAG) values.push(...node.items);
    else if (node) values.push(node);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------------
// Who uses a policy document data source

/** A use of a data source: by a resource attribute (with its role), or merged into another data source. */
type Use = { role: PolicyRole; owner: string } | { via: string };

const usesBySet = new WeakMap<IacSet, Map<string, Map<string, Use[]>>>();

/** Uses of the policy document data sources of a folder, by data source name; built once per scan and folder. */
function usesIn(set: IacSet, resource: IacResource): Map<string, Use[]> {
  let byFolder = usesBySet.get(set);
  if (!byFolder) {
    byFolder = new Map();
    usesBySet.set(set, byFolder);
  }
  let uses = byFolder.get(resource.folder);
  if (uses) return uses;
  uses = new Map();
  const add = (name: string, use: Use) => {
    const list = uses!.get(name);
    if (list) list.push(use);
    else uses!.set(name, [use]);
  };
  for (const other of set.near(resource, ...POLICY_TYPES, DOCUMENT_TYPE)) {
    if (other.kind === 'data' && other.type === DOCUMENT_TYPE) {
      for (const node of mergedValues(other.body)) {
        const name = referencedDocument(node);
        if (name !== undefined && name !== other.name) add(name, { via: other.name });
      }
      continue;
    }
    for (const value of policyValues(other)) {
      const name = referencedDocument(value.node);
      if (name !== undefined) add(name, { role: value.role, owner: value.owner });
    }
  }
  byFolder.set(resource.folder, uses);
  return uses;
}

/** What a data source is used as, and by whom, following documents merged into others. */
function usesOf(name: string, uses: Map<string, Use[]>, seen = new Set<string>()): { roles: Set<PolicyRole>; owners: string[] } {
  const found = { roles: new Set<PolicyRole>(), owners: [] as string[] };
  if (seen.has(name)) return found;
  seen.add(name);
  for (const use of uses.get(name) ?? []) {
    if ('via' in use) {
      const merged = usesOf(use.via, uses, seen);
      for (const role of merged.roles) found.roles.add(role);
      found.owners.push(...merged.owners);
    } else {
      found.roles.add(use.role);
      found.owners.push(use.owner);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Documents of a resource

const documentsByResource = new WeakMap<IacResource, PolicyDocument[]>();

/** The policy documents written in a Terraform resource or `aws_iam_policy_document` data source. */
export function terraformDocuments(resource: IacResource, set: IacSet): PolicyDocument[] {
  let documents = documentsByResource.get(resource);
  if (!documents) {
    documents =
      resource.kind === 'data' && resource.type === DOCUMENT_TYPE ? dataSourceDocuments(resource, set) : resourceDocuments(resource);
    documentsByResource.set(resource, documents);
  }
  return documents;
}

function resourceDocuments(resource: IacResource): PolicyDocument[] {
  const documents: PolicyDocument[] = [];
  for (const value of policyValues(resource)) {
    const parsed = parsedDocument(value.node, resource);
    if (parsed) documents.push({ ...parsed, owner: value.owner, roles: new Set([value.role]) });
  }
  return documents;
}

function dataSourceDocuments(resource: IacResource, set: IacSet): PolicyDocument[] {
  const { roles, owners } = usesOf(resource.name, usesIn(set, resource));
  const usedBy = owners.length === 0 ? '' : ` (used by ${owners[0]}${owners.length > 1 ? ` and ${owners.length - 1} more` : ''})`;
  const owner = `${addressOf(resource)}${usedBy}`;
  const known = roles.size > 0 ? roles : undefined;
  const documents: PolicyDocument[] = [{ statements: blockStatements(resource.body), owner, roles: known }];
  for (const node of mergedValues(resource.body)) {
    const parsed = parsedDocument(node, resource);
    if (parsed) documents.push({ ...parsed, owner, roles: known });
  }
  return documents;
}

// ---------------------------------------------------------------------------------------------------
// Managed policies attached to roles, users and groups
