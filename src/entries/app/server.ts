import { createServer, type Server } from 'node:http';
import { createNodeMiddleware, type Probot } from 'probot';
import { createBulwarkApp, type BulwarkAppOptions } from './main.js';

export interface ServeOptions {
  host: string;
  /** 0 for any free port (tests, benches). */
  port: number;
  app?: BulwarkAppOptions;
}

/**
 * Serves the App over HTTP with Probot's `createNodeMiddleware`, which, unlike `probot run`, tries the App's own
 * handlers before Probot's webhook route: Bulwark's webhook route (webhook-route.ts) answers deliveries, and
 * `/health`, `/ready`, `/metrics` and `/ping` the rest. Probot's route stays behind them for nothing in
 * particular; everything else is 404.
 */
export async function serveBulwark(probot: Probot, options: ServeOptions): Promise<Server> {
  const middleware = await createNodeMiddleware(createBulwarkApp(options.app), { probot });
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
      return;
    }
    void middleware(req, res, () => {
      if (!res.headersSent) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as { port: number };
  probot.log.info(`Listening on http://${options.host}:${port}`);
  return server;
}
