import nock from 'nock';
import { checkGraphQL, operationName } from './graphql-schema.js';
import { checkRequestBody } from './openapi.js';

export const API = 'https://api.github.com';

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Recorded {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** `POST /graphql` requests are named by their operation: `GRAPHQL BulwarkReviewThreads`. */
  name: string;
  body: unknown;
  status: number;
}

type Responder = Reply | ((body: any, path: string) => Reply);

/**
 * GitHub, mocked with nock: every interceptor checks what it receives (REST bodies against GitHub's OpenAPI
 * description with unknown properties rejected, GraphQL documents and variables against GitHub's schema),
 * records it, and answers. A request nobody expected is recorded as a problem too.
 */
export class GitHubMock {
  readonly requests: Recorded[] = [];
  readonly problems: string[] = [];
  private readonly scope = nock(API);
  private readonly onNoMatch = (req: { method?: string; path?: string }) =>
    this.problems.push(`unexpected request: ${req.method} ${req.path}`);

  constructor() {
    nock.emitter.on('no match', this.onNoMatch);
  }

  /** A REST request: `path` with a `?` must match with its query; without, any query matches. */
  rest(method: string, path: string, reply: Responder = {}, times = 1): this {
    const match = (uri: string) => (path.includes('?') ? uri === path : uri.split('?')[0] === path);
    // nock calls the reply function with its own `this`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.scope
      .intercept(match, method)
      .times(times)
      .reply(function (uri, requestBody) {
        const body = parseBody(requestBody);
        const pathname = uri.split('?')[0]!;
        for (const problem of safely(() => checkRequestBody(method, pathname, body))) self.problems.push(`${method} ${uri}: ${problem}`);
        return self.answer({ method, path: uri, name: `${method} ${pathname}`, body }, reply);
      });
    return this;
  }

  /** A GraphQL request, recognised by its operation name (and `where`, given its variables). */
  graphql(operation: string, reply: Responder, where: (variables: Record<string, unknown>) => boolean = () => true): this {
    // nock calls the reply function with its own `this`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.scope
      .post(
        '/graphql',
        (body: { query?: string; variables?: Record<string, unknown> }) =>
          operationName(body.query ?? '') === operation && where(body.variables ?? {}),
      )
      .reply(function (uri, requestBody) {
        const body = parseBody(requestBody) as { query: string; variables?: Record<string, unknown> };
        for (const problem of safely(() => checkGraphQL(body.query, body.variables))) self.problems.push(`${operation}: ${problem}`);
        return self.answer(
          { method: 'POST', path: uri, name: `GRAPHQL ${operation}`, body },
          typeof reply === 'function' ? (b) => reply(b.variables ?? {}, uri) : reply,
        );
      });
    return this;
  }

  private answer(request: Omit<Recorded, 'status'>, responder: Responder): [number, string, Record<string, string>] {
    const reply = typeof responder === 'function' ? responder(request.body, request.path) : responder;
    const status = reply.status ?? 200;
    this.requests.push({ ...request, status });
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    const headers = { 'content-type': 'application/json; charset=utf-8', ...reply.headers };
    return [status, text, headers];
  }

  /** How many requests were made, or how many went to `name` (`POST /repos/...`, `GRAPHQL Operation`). */
  count(name?: string): number {
    return name === undefined ? this.requests.length : this.requests.filter((r) => r.name === name).length;
  }

  names(): string[] {
    return this.requests.map((r) => r.name);
  }

  bodies(name: string): unknown[] {
    return this.requests.filter((r) => r.name === name).map((r) => r.body);
  }

  /** Everything expected was asked for, nothing else was, and every request was well formed. */
  verify(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    const pending = nock.pendingMocks();
    nock.cleanAll();
    const problems = [...this.problems, ...pending.map((p) => `never requested: ${p}`)];
    if (problems.length > 0) throw new Error(`GitHub mock:\n${problems.join('\n')}`);
  }
}

function safely(check: () => string[]): string[] {
  try {
    return check();
  } catch (error) {
    return [`validation crashed: ${(error as Error).stack}`];
  }
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
