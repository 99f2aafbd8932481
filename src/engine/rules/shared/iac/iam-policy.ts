import { blocks, isUnknown } from '../../../parse/iac.js';
import { YMap, YScalar, YSeq, type Field, type YNode } from '../../../parse/yaml.js';
import type { Anchor, IacRuleContext } from '../../rule.js';

/**
 * AWS policy documents as rules read them, whatever the source syntax: JSON (CloudFormation, a JSON
 * string or heredoc in Terraform, `jsonencode(...)`) or the blocks of Terraform's
 * `data "aws_iam_policy_document"`. Every element keeps the node it was read from, so that a finding
 * points at the offending action or principal line. What the engine could not evaluate stays unknown,
 * and no check fires on it.
 */

// ---------------------------------------------------------------------------------------------------
// The model

/** One value of an element (an action, a resource ARN, a principal identifier, a condition value). */
export interface Item {
  node: YNode;
  /** The text when known; undefined for an unknown value or one that is not a scalar. */
  value: string | undefined;
}

/** An element whose value is one string or a list of them (Action, Resource, NotAction...). */
export interface Element {
  /** The key (`Action`) or Terraform attribute name (`actions`): messages name it as written. */
  key: YScalar;
  node: YNode;
  items: Item[];
  /** True when the list as a whole is unknown (`actions = var.x` without a default). */
  unknown: boolean;
}

/** One principal: its type (`*` for `"Principal": "*"`, else `AWS`, `Service`, ...) and identifier. */
export interface PrincipalEntry {
  /** Undefined when the type is unknown. */
  type: string | undefined;
  item: Item;
}

export interface Principals {
  key: YScalar;
  node: YNode;
  entries: PrincipalEntry[];
  unknown: boolean;
}

export interface ConditionEntry {
  /** `StringEquals`, `ForAnyValue:StringLike`...; undefined when unknown. */
  operator: string | undefined;
  /** The condition key (`aws:PrincipalOrgID`); undefined when unknown. */
  key: string | undefined;
  values: Item[];
  unknown: boolean;
}

export interface Conditions {
  node: YNode;
  entries: ConditionEntry[];
  /** True when the condition, or a part of it that could narrow the statement, is unknown. */
  unknown: boolean;
}

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  node: YNode;
  /** Undefined when unknown or absent in JSON (a policy AWS would reject). */
  effect: Effect | undefined;
  action?: Element;
  notAction?: Element;
  resource?: Element;
  notResource?: Element;
  principal?: Principals;
  notPrincipal?: Principals;
  /** Absent when the statement has no condition. */
  condition?: Conditions;
}

/**
 * What a document is used as, which decides the rules that read it: an identity policy (attached to a
 * role, user, group or permission set), a role's trust policy, an ECR repository or registry policy.
 */
export type PolicyRole = 'identity' | 'trust' | 'repository' | 'registry';

export interface PolicyDocument {
  statements: Statement[];
  /** Who the document belongs to, for messages: `aws_iam_policy.admin`, `AdminRole`. */
  owner: string;
  /**
   * What the document is used as. Undefined when nothing scanned says (a policy document data source
   * that no scanned resource uses): each statement is then read for what it looks like.
   */
  roles: ReadonlySet<PolicyRole> | undefined;
  /**
   * The string the document was parsed from (JSON in a Terraform string or heredoc, a CloudFormation
   * JSON string): its nodes are not in the resource's tree, so findings are anchored inside this scalar.
   */
  within?: YScalar;
}

// ---------------------------------------------------------------------------------------------------
// Reading JSON documents (CloudFormation, JSON strings, jsonencode)

function knownText(node: YNode | undefined): string | undefined {
  if (!(node instanceof YScalar) || isUnknown(node) || node.value === null) return undefined;
  return node.text;
}

function itemsOf(node: YNode): { items: Item[]; unknown: boolean } {
  if (node instanceof YSeq) return { items: node.items.map((item) => ({ node: item, value: knownText(item) })), unknown: false };
  if (node instanceof YScalar) {
    if (isUnknown(node)) return { items: [], unknown: true };
    return { items: [{ node, value: knownText(node) }], unknown: false };
  }
  // A map where a string or list belongs: not a policy AWS accepts; nothing is known about it.
  return { items: [], unknown: true };
}

function element(map: YMap, key: string): Element | undefined {
  const field = map.field(key);
  if (!field) return undefined;
  return { key: field.key, node: field.value, ...itemsOf(field.value) };
}

function jsonPrincipals(map: YMap, key: string): Principals | undefined {
  const field = map.field(key);
  if (!field) return undefined;
  const value = field.value;
  const principals: Principals = { key: field.key, node: value, entries: [], unknown: false };
  if (value instanceof YScalar) {
    if (isUnknown(value)) principals.unknown = true;
    else principals.entries.push({ type: '*', item: { node: value, value: knownText(value) } });
    return principals;
  }
  if (!(value instanceof YMap)) {
    principals.unknown = true;
    return principals;
  }
  for (let i = 0; i < value.size; i++) {
    const type = knownText(value.keys[i]);
    const { items, unknown } = itemsOf(value.values[i]!);
    if (unknown || type === undefined) principals.unknown = true;
    for (const item of items) principals.entries.push({ type, item });
  }
  return principals;
}

function jsonConditions(map: YMap): Conditions | undefined {
  const value = map.get('Condition');
  if (value === undefined) return undefined;
  const conditions: Conditions = { node: value, entries: [], unknown: false };
  if (!(value instanceof YMap)) {
    // `Condition: null` is no condition; anything else that is not a map is not known.
    if (value instanceof YScalar && !isUnknown(value) && value.value === null) return undefined;
    conditions.unknown = true;
    return conditions;
  }
  for (let i = 0; i < value.size; i++) {
    const operator = knownText(value.keys[i]);
    const tests = value.values[i]!;
    if (!(tests instanceof YMap)) {
      conditions.unknown = true;
      continue;
    }
    for (let j = 0; j < tests.size; j++) {
      const { items, unknown } = itemsOf(tests.values[j]!);
      const key = knownText(tests.keys[j]);
      const entry = { operator, key, values: items, unknown: unknown || operator === undefined || key === undefined };
      if (entry.unknown) conditions.unknown = true;
      conditions.entries.push(entry);
    }
  }
  return conditions.entries.length === 0 && !conditions.unknown ? undefined : conditions;
}

function effectOf(node: YNode | undefined): Effect | undefined {
  const text = knownText(node)?.toLowerCase();
  if (text === 'allow') return 'Allow';
  if (text === 'deny') return 'Deny';
  return undefined;
}

/** The statements of a JSON policy document (`{"Statement": [...]}`); none when it is not one or unknown. */
export function jsonStatements(root: YNode): Statement[] {
  if (!(root instanceof YMap)) return [];
  const list = root.get('Statement');
  const nodes = list instanceof YSeq ? list.items : list instanceof YMap ? [list] : [];
  const statements: Statement[] = [];
  for (const node of nodes) {
    if (!(node instanceof YMap)) continue;
    const statement: Statement = { node, effect: effectOf(node.get('Effect')) };
    assign(statement, 'action', element(node, 'Action'));
    assign(statement, 'notAction', element(node, 'NotAction'));
    assign(statement, 'resource', element(node, 'Resource'));
    assign(statement, 'notResource', element(node, 'NotResource'));
    assign(statement, 'principal', jsonPrincipals(node, 'Principal'));
    assign(statement, 'notPrincipal', jsonPrincipals(node, 'NotPrincipal'));
    assign(statement, 'condition', jsonConditions(node));
    statements.push(statement);
  }
  return statements;
}

function assign<K extends keyof Statement>(statement: Statement, key: K, value: Statement[K] | undefined): void {
  if (value !== undefined) statement[key] = value;
}

// ---------------------------------------------------------------------------------------------------
// Reading Terraform `data "aws_iam_policy_document"` blocks

function blockPrincipals(body: YMap, type: string): Principals | undefined {
  const field = body.field(type);
  if (!field) return undefined;
  const principals: Principals = { key: field.key, node: field.value, entries: [], unknown: false };
  if (isUnknown(field.value)) {
    principals.unknown = true;
    return principals;
  }
  for (const block of blocks(body, type)) {
    const kind = block.get('type');
    const kindText = knownText(kind);
    const identifiers = block.get('identifiers');
    if (kindText === undefined || identifiers === undefined) {
      principals.unknown = true;
      continue;
    }
    const { items, unknown } = itemsOf(identifiers);
    if (unknown) principals.unknown = true;
    for (const item of items) principals.entries.push({ type: kindText, item });
  }
  return principals;
}

function blockConditions(body: YMap): Conditions | undefined {
  const field = body.field('condition');
  if (!field) return undefined;
  const conditions: Conditions = { node: field.value, entries: [], unknown: false };
  if (isUnknown(field.value)) {
    conditions.unknown = true;
    return conditions;
  }
  for (const block of blocks(body, 'condition')) {
    const operator = knownText(block.get('test'));
    const key = knownText(block.get('variable'));
    const values = block.get('values');
    const { items, unknown } = values ? itemsOf(values) : { items: [], unknown: true };
    const entry = { operator, key, values: items, unknown: unknown || operator === undefined || key === undefined };
    if (entry.unknown) conditions.unknown = true;
    conditions.entries.push(entry);
  }
  return conditions;
}

/** The statements written as `statement { ... }` blocks of an `aws_iam_policy_document` data source. */
export function blockStatements(body: YMap): Statement[] {
  const statements: Statement[] = [];
  for (const node of blocks(body, 'statement')) {
    const effect = node.get('effect');
    // The provider's default effect is Allow.
    const statement: Statement = { node, effect: effect === undefined ? 'Allow' : effectOf(effect) };
    assign(statement, 'action', element(node, 'actions'));
    assign(statement, 'notAction', element(node, 'not_actions'));
    assign(statement, 'resource', element(node, 'resources'));
    assign(statement, 'notResource', element(node, 'not_resources'));
    assign(statement, 'principal', blockPrincipals(node, 'principals'));
    assign(statement, 'notPrincipal', blockPrincipals(node, 'not_principals'));
    assign(statement, 'condition', blockConditions(node));
    statements.push(statement);
  }
  return statements;
}

// ---------------------------------------------------------------------------------------------------
// IAM semantics

/** IAM action names and patterns compare case-insensitively; `*` matches any run, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is').test(action);
}

/** `all` for `*`, the service for `<service>:*`, else undefined (a specific action or a narrower pattern). */
export function wildcardOf(action: string): { all: true } | { service: string } | undefined {
  if (action === '*' || action === '*:*') return { all: true };
  const match = /^([A-Za-z0-9-]+):\*$/.exec(action);
  return match ? { service: match[1]!.toLowerCase() } : undefined;
}

export function hasKnown(element: Element | undefined, value: string): boolean {
  return element !== undefined && element.items.some((item) => item.value === value);
}

/** The statement's services as written in its actions (`s3` for `s3:GetObject`), lower-case. */
function servicesOf(statement: Statement): Set<string> {
  const services = new Set<string>();
  for (const item of statement.action?.items ?? []) {
    const colon = item.value?.indexOf(':') ?? -1;
    if (colon > 0) services.add(item.value!.slice(0, colon).toLowerCase());
  }
  return services;
}

/** What a statement of a document whose use is not known looks like it belongs to. */
function inferredRole(statement: Statement): PolicyRole | undefined {
  if (!statement.principal && !statement.notPrincipal) return 'identity';
  const services = servicesOf(statement);
  if (services.has('sts')) return 'trust';
  if (services.has('ecr')) return 'repository';
  return undefined;
}

/**
 * Whether a statement is read as part of a document of one of `roles`. Statements with a principal are
 * never identity-policy statements (AWS rejects a principal there); without one, never anything else.
 */
export function statementPlays(document: PolicyDocument, statement: Statement, roles: readonly PolicyRole[]): boolean {
  const hasPrincipal = statement.principal !== undefined || statement.notPrincipal !== undefined;
  return roles.some((role) => {
    if ((role === 'identity') === hasPrincipal) return false;
    return document.roles ? document.roles.has(role) : inferredRole(statement) === role;
  });
}

/** A principal that is anyone: `"*"`, `{"AWS": "*"}` (or `*` among several AWS principals). */
export function anyPrincipal(principals: Principals | undefined): PrincipalEntry | undefined {
  return principals?.entries.find((entry) => entry.item.value === '*' && (entry.type === '*' || entry.type?.toUpperCase() === 'AWS'));
}

/** An account as a whole: `arn:aws:iam::123456789012:root` or a bare account id. */
export function accountRoot(entry: PrincipalEntry): boolean {
  if (entry.type?.toUpperCase() !== 'AWS' || entry.item.value === undefined) return false;
  return /^arn:aws[a-z-]*:iam::[^:/]+:root$/i.test(entry.item.value) || /^\d{12}$/.test(entry.item.value);
}

/**
 * Condition keys that limit who can use a grant (their organisation, account, ARN, network, or the
 * resource a service acts for). `aws:SourceAccount` and `aws:SourceArn` are present only on requests a
 * service makes for a resource, so requiring them shuts out direct callers.
 */
const NARROWING_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:principalisawsservice',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:userid',
  'aws:username',
]);

/** Operators that require a value to match (not `StringNotEquals`, `Null`; not `...IfExists`, which passes when the key is absent). */
const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress', 'bool']);

function narrows(entry: ConditionEntry): boolean {
  if (entry.unknown || entry.operator === undefined || entry.key === undefined) return false;
  let operator = entry.operator.toLowerCase();
  // ForAllValues passes when the request has no value for the key; ForAnyValue does not.
  if (operator.startsWith('forallvalues:')) return false;
  if (operator.startsWith('foranyvalue:')) operator = operator.slice('foranyvalue:'.length);
  if (!MATCHING_OPERATORS.has(operator) || !NARROWING_KEYS.has(entry.key.toLowerCase())) return false;
  const values = entry.values.map((item) => item.value);
  if (values.length === 0 || values.some((value) => value === undefined || value === '*')) return false;
  if (operator === 'bool')
    return entry.key.toLowerCase() === 'aws:principalisawsservice' && values.every((value) => value?.toLowerCase() === 'true');
  return true;
}

/**
 * How a statement's condition bears on a broad principal: `none` (no condition), `narrowed` (a test on
 * who the caller is), `unknown` (a part the engine could not read, which might narrow), or `other`
 * (known tests that do not narrow the caller, such as `aws:SecureTransport`).
 */
export function conditionScope(statement: Statement): 'none' | 'narrowed' | 'unknown' | 'other' {
  const condition = statement.condition;
  if (!condition) return 'none';
  if (condition.entries.some(narrows)) return 'narrowed';
  return condition.unknown ? 'unknown' : 'other';
}

// ---------------------------------------------------------------------------------------------------
// What the statement checks share (each check lives in its `terraform/` rule; CloudFormation twins import it)

/** A finding inside a document, before the owner is named. */
export interface Problem {
  at: YNode | Field;
  message: string;
}

export type StatementCheck = (statement: Statement, document: PolicyDocument) => Problem[];

export const quote = (text: string) => JSON.stringify(text);

/** The `*` actions of an Allow statement on resource `*`: full administrator access. */
export function adminActions(statement: Statement): Item[] {
  if (statement.effect !== 'Allow' || !hasKnown(statement.resource, '*')) return [];
  return (statement.action?.items ?? []).filter((item) => {
    const wildcard = item.value === undefined ? undefined : wildcardOf(item.value);
    return wildcard !== undefined && 'all' in wildcard;
  });
}

export function principalText(entry: PrincipalEntry): string {
  return entry.type === '*' ? '"*"' : `{"${entry.type}": "*"}`;
}

// ---------------------------------------------------------------------------------------------------
// Reporting

/** An anchor for a node of a document: inside the string it came from, when it is not in the tree. */
export function anchorIn(document: Pick<PolicyDocument, 'within'>, at: YNode | Field): Anchor {
  if (!document.within) return at;
  const node = 'key' in at && !(at instanceof YMap || at instanceof YSeq || at instanceof YScalar) ? at.key : (at as YNode);
  const end = node instanceof YScalar ? node.end : node.start + 1;
  return { start: node.start, end: Math.max(end, node.start + 1), within: document.within };
}

/**
 * Runs a check over the statements of documents used as one of `roles`, and reports each problem once,
 * naming the document's owner.
 */
export function reportPolicyProblems(
  context: IacRuleContext,
  documents: readonly PolicyDocument[],
  roles: readonly PolicyRole[],
  check: StatementCheck,
): void {
  for (const document of documents) {
    for (const statement of document.statements) {
      if (!statementPlays(document, statement, roles)) continue;
      for (const problem of check(statement, document)) {
        context.report({ at: anchorIn(document, problem.at), message: `${document.owner} ${problem.message}` });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Managed policy ARNs

/**
 * Whether a value is the AWS-managed AdministratorAccess policy's ARN, in any partition. `text` may hold
 * an interpolation in place of the partition (`arn:${data.aws_partition.current.partition}:...`,
 * `arn:${AWS::Partition}:...`): whatever it yields, the ARN is that policy's.
 */
export function isAdministratorAccessArn(text: string): boolean {
  return /^arn:(?:aws(?:-[a-z]+)*|\$\{[^{}]+\}):iam::aws:policy\/AdministratorAccess$/.test(text);
}

export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
