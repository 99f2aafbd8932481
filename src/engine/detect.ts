export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/**
 * Text that a Go template engine (Helm) must render before it is YAML: a `{{` action that starts like Go
 * template code (`.Values`, `$x`, `include`, `- if`, a comment). Placeholders such as aws-auth's
 * `{{EC2PrivateDNSName}}` or `{{SessionName}}` are data, not templates.
 */
export function isTemplated(text: string): boolean {
  return text.includes('{{') && GO_TEMPLATE_ACTION.test(text);
}

// CloudFormation dynamic references (`{{resolve:ssm:...}}`) are data too.
const GO_TEMPLATE_ACTION = /\{\{-?\s*(?:[.$("]|\/\*|(?!resolve:)[a-z])/;

/**
 * Whether unparseable text was meant to be a Kubernetes manifest: only then is a syntax error a finding
 * (a broken CI workflow file is not Bulwark's business).
 */
export function looksLikeKubernetes(text: string): boolean {
  return /(^|[\s{,"])apiVersion"?\s*:/m.test(text) && /(^|[\s{,"])kind"?\s*:/m.test(text);
}

/** Whether unparseable text was meant to be a CloudFormation template. */
export function looksLikeCloudFormation(text: string): boolean {
  return /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/.test(text);
}
