import { readFileSync } from 'node:fs';
import { buildClientSchema, getVariableValues, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** GitHub's GraphQL schema (`@octokit/graphql-schema`), built once, lazily. */
let schema: GraphQLSchema | undefined;
function load(): GraphQLSchema {
  schema ??= buildClientSchema(
    JSON.parse(readFileSync(new URL('../../../node_modules/@octokit/graphql-schema/schema.json', import.meta.url), 'utf8')),
  );
  return schema;
}

/** Problems with a GraphQL request: the document against the schema, and the variables against the document. */
export function checkGraphQL(query: string, variables: Record<string, unknown> | undefined): string[] {
  let document;
  try {
    document = parse(query);
  } catch (error) {
    return [`GraphQL syntax: ${(error as Error).message}`];
  }
  const problems = validate(load(), document).map((e) => `GraphQL: ${e.message}`);
  if (problems.length > 0) return problems;
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation) return ['GraphQL: no operation'];
  const coerced = getVariableValues(load(), operation.variableDefinitions ?? [], variables ?? {});
  return (coerced.errors ?? []).map((e) => `GraphQL variables: ${e.message}`);
}

export function operationName(query: string): string | undefined {
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
}
