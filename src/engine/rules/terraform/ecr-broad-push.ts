import { TERRAFORM_POLICY_TYPES, terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import {
  accountRoot,
  actionMatches,
  anyPrincipal,
  conditionScope,
  principalText,
  reportPolicyProblems,
  type StatementCheck,
} from '../shared/iac/iam-policy.js';
import type { IacRule } from '../rule.js';

/** ECR actions that write to a repository. */
const PUSH_ACTIONS = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage'];

/**
 * ecr-broad-push: a repository policy statement that grants push actions to `*` or to an account's
 * root (every identity of that account the account lets use it), unless a Condition narrows the caller.
 * Points at the first push action; the message lists them all.
 */
export const broadPushProblems: StatementCheck = (statement) => {
  if (statement.effect !== 'Allow' || statement.principal === undefined) return [];
  const scope = conditionScope(statement);
  if (scope === 'narrowed' || scope === 'unknown') return [];
  const anyone = anyPrincipal(statement.principal);
  const root = anyone ? undefined : statement.principal.entries.find(accountRoot);
  const grantee = anyone ? `any principal (${principalText(anyone)})` : root ? `account root ${root.item.value}` : undefined;
  if (!grantee) return [];
  const push = (statement.action?.items ?? []).filter(
    (item) => item.value !== undefined && PUSH_ACTIONS.some((action) => actionMatches(item.value!, action)),
  );
  if (push.length === 0) return [];
  const listed = push.map((item) => item.value!).join(', ');
  return [{ at: push[0]!.node, message: `grants push (${listed}) to ${grantee}` }];
};

export const ecrBroadPush: IacRule = {
  id: 'terraform/ecr-broad-push',
  platform: 'terraform',
  severity: 'high',
  layer: 3,
  summary: 'ECR repository policy lets a whole account or anyone push images',
  rationale:
    'Push actions granted to "*" or to another account\'s root let every identity there overwrite tags, upload layers or delete images: the images your clusters run are only as trustworthy as the least careful principal of that account.',
  remediation:
    'Grant push actions (`ecr:PutImage`, the layer upload actions, `ecr:BatchDeleteImage`) only to the CI role that publishes images, by its role ARN, and give other accounts pull actions only.',
  fixable: false,
  types: TERRAFORM_POLICY_TYPES,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['repository'], broadPushProblems);
  },
};
