import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkGraphQL, operationName } from '../../app/support/graphql-schema.js';
import { checkRequestBody } from '../../app/support/openapi.js';

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Served {
  method: string;
  /** Path and query as received. */
  path: string;
  /** `GET /repos/...` (without the REST prefix), or `GRAPHQL Operation`. */
  name: string;
  body: unknown;
  headers: IncomingMessage['headers'];
}

type Responder = Reply | ((body: any) => Reply);

/**
 * GitHub as a real HTTP server on 127.0.0.1, for the built Action running in a child process (nock cannot
 * reach into another process). Laid out as GitHub Enterprise Server is (`/api/v3` for REST, `/api/graphql`),
 * and checking what it gets as the App's nock mock does: REST bodies against GitHub's OpenAPI description,
 * GraphQL documents and variables against its schema. Requests nobody expected are problems.
 */
export class MockGitHub {
  readonly requests: Served[] = [];
  readonly problems: string[] = [];
  private readonly routes = new Map<string, Responder[]>();
  private server: Server | undefined;
  private port = 0;

  static readonly REST = '/api/v3';
  static readonly GRAPHQL = '/api/graphql';

  /** A REST route, by method and path with its query; answered once per registration. */
  rest(method: string, pathAndQuery: string, reply: Responder = {}): this {
    return this.add(`${method} ${pathAndQuery}`, reply);
  }

  graphql(operation: string, reply: Responder): this {
    return this.add(`GRAPHQL ${operation}`, reply);
  }

  private add(key: string, reply: Responder): this {
    this.routes.set(key, [...(this.routes.get(key) ?? []), reply]);
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}${MockGitHub.REST}`;
  }

  get graphqlUrl(): string {
    return `http://127.0.0.1:${this.port}${MockGitHub.GRAPHQL}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  names(): string[] {
    return this.requests.map((r) => r.name);
  }

  /** Every route registered was used, nothing else was asked for, and every request was well formed. */
  unmet(): string[] {
    return [
      ...this.problems,
      ...[...this.routes.entries()].filter(([, replies]) => replies.length > 0).map(([key]) => `never requested: ${key}`),
    ];
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: any = text === '' ? undefined : text;
    try {
      if (text !== '') body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const pathname = path.split('?')[0]!;
    let key: string;
    if (method === 'POST' && pathname === MockGitHub.GRAPHQL) {
      const operation = operationName(body?.query ?? '') ?? '(anonymous)';
      key = `GRAPHQL ${operation}`;
      for (const problem of checkGraphQL(body?.query ?? '', body?.variables)) this.problems.push(`${key}: ${problem}`);
    } else if (pathname.startsWith(`${MockGitHub.REST}/`)) {
      const restPath = path.slice(MockGitHub.REST.length);
      key = `${method} ${restPath}`;
      for (const problem of checkRequestBody(method, restPath.split('?')[0]!, body)) this.problems.push(`${key}: ${problem}`);
    } else key = `${method} ${path}`;

    const name = key.startsWith('GRAPHQL') ? key : key.split('?')[0]!;
    this.requests.push({ method, path, name, body, headers: request.headers });
    const responder = this.routes.get(key)?.shift();
    if (!responder) {
      this.problems.push(`unexpected request: ${key}`);
      // 400: a status the retry plugin does not retry, so a stray request fails fast.
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `no route for ${key}` }));
      return;
    }
    const reply = typeof responder === 'function' ? responder(body) : responder;
    const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers }).end(payload);
  }
}
