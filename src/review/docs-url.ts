/**
 * Where rule documentation is published: each rule's page is `<this>/<rule-id>.md`. Deployments that
 * mirror the docs elsewhere set BULWARK_DOCS_URL in the entry point.
 */
export const RULE_DOCS_URL = 'https://github.com/bulwark-dev/bulwark/blob/main/docs/rules';
