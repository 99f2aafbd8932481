import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule, { type ValidateFunction } from 'ajv';

/**
 * GitHub's REST description (`@octokit/openapi`, api.github.com, dereferenced), loaded once and only when a
 * test first needs it: request bodies are validated against their operation's schema with unknown
 * properties rejected, and webhook payloads against their event's schema.
 */

type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  'x-webhooks': Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: Schema }> } } }>;
}

const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (options: object) => {
  compile(schema: Schema): ValidateFunction;
  errorsText(errors: ValidateFunction['errors']): string;
};
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, validateSchema: false });

let spec: Spec | undefined;
function load(): Spec {
  if (!spec) {
    const path = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.deref.json');
    spec = JSON.parse(readFileSync(path, 'utf8')) as Spec;
  }
  return spec;
}

interface Route {
  method: string;
  pattern: RegExp;
  literals: number;
  operation: Operation;
}
let routes: Route[] | undefined;
function table(): Route[] {
  if (!routes) {
    routes = [];
    for (const [template, methods] of Object.entries(load().paths)) {
      const segments = template.split('/');
      const pattern = new RegExp(
        `^${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`,
      );
      const literals = segments.filter((s) => !/^\{.+\}$/.test(s)).length;
      for (const [method, operation] of Object.entries(methods)) {
        if (typeof operation === 'object' && operation && 'operationId' in operation)
          routes.push({ method: method.toUpperCase(), pattern, literals, operation });
      }
    }
    routes.sort((a, b) => b.literals - a.literals);
  }
  return routes;
}

export function findOperation(method: string, pathname: string): Operation | undefined {
  return table().find((r) => r.method === method && r.pattern.test(pathname))?.operation;
}

/**
 * OpenAPI 3.0 to what ajv reads: `nullable` becomes a null type, `oneOf` becomes `anyOf` (GitHub's branches
 * overlap). With `close`, objects reached through `properties` and `items` reject unknown properties when the
 * description leaves them open; branches of `anyOf`/`allOf` that only constrain are left open.
 */
function normalise(schema: unknown, close: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => normalise(s, close));
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(source)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, s]) => [name, normalise(s, close)]));
    } else if (k === 'items') out[k] = normalise(v, close);
    else if (k === 'oneOf' || k === 'anyOf' || k === 'allOf') {
      const branchesClose = close && !('properties' in source);
      out[k === 'oneOf' ? 'anyOf' : k] = (v as unknown[]).map((s) => normalise(s, branchesClose));
    } else if (k === 'example' || k === 'examples' || k === 'description') continue;
    else out[k] = v;
  }
  if (close && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.type === undefined) {
      const inner = { ...out };
      for (const k of Object.keys(out)) delete out[k];
      out.anyOf = [inner, { type: 'null' }];
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

const requestValidators = new Map<string, ValidateFunction | null>();

/** Problems with a REST request's body, in words; empty when GitHub's description accepts it. */
export function checkRequestBody(method: string, pathname: string, body: unknown): string[] {
  const operation = findOperation(method, pathname);
  if (!operation) return [`${method} ${pathname}: no such operation in GitHub's REST description`];
  let validate = requestValidators.get(operation.operationId);
  if (validate === undefined) {
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    validate = schema ? ajv.compile(normalise(schema, true) as Schema) : null;
    requestValidators.set(operation.operationId, validate);
  }
  const empty = body === undefined || body === '' || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);
  if (!validate) return empty ? [] : [`${operation.operationId}: takes no request body, got ${JSON.stringify(body).slice(0, 200)}`];
  if (method === 'GET' && empty) return [];
  return validate(body ?? {}) ? [] : [`${operation.operationId}: ${ajv.errorsText(validate.errors)}`];
}

const payloadValidators = new Map<string, ValidateFunction>();

/** Problems with a webhook payload against its event's schema (`pull-request-opened`, ...). */
export function checkWebhookPayload(name: string, action: string, payload: unknown): string[] {
  const key = `${name}-${action}`.replace(/_/g, '-');
  let validate = payloadValidators.get(key);
  if (!validate) {
    const schema = load()['x-webhooks'][key]?.post?.requestBody?.content?.['application/json']?.schema;
    if (!schema) return [`no webhook schema for ${key}`];
    validate = ajv.compile(normalise(schema, false) as Schema);
    payloadValidators.set(key, validate);
  }
  return validate(payload) ? [] : [`${key}: ${ajv.errorsText(validate.errors)}`];
}
