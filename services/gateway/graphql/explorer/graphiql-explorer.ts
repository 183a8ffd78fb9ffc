import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../../../common/config/app.config';
import { problem, PROBLEM_CONTENT_TYPE } from '../../../common/http/problem-details';
import { projectRoot } from '../../../common/runtime/project-root';
import { adminKeyGate } from '../../http-hardening';
import { EXPLORER_ASSETS_DIR } from './build-explorer-assets';

/** Where the explorer's scripts, styles and workers are served. */
export const EXPLORER_ASSETS_PATH = '/graphiql';

const DEV_KEY = 'dev-admin-key';

/** A browser asking for a page (Accept: text/html before any JSON type), not a GraphQL GET request. */
function wantsPage(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: no inline script (helmet's CSP), the settings as data attributes on the root element. */
function page(defaultHeaders: string | undefined): string {
  const data = defaultHeaders ? ` data-default-headers="${escape(defaultHeaders)}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · dunning automations</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/explorer.css">
<style>body { margin: 0; } #graphiql { height: 100dvh; }</style>
</head>
<body>
<div id="graphiql" data-endpoint="/graphql"${data}></div>
<script src="${EXPLORER_ASSETS_PATH}/explorer.js"></script>
</body>
</html>
`;
}

/**
 * The GraphiQL explorer at `GET /graphql` for a browser, its assets under /graphiql (built from npm packages by
 * build-explorer-assets.ts: nothing comes from a CDN). Public where DOCS_PUBLIC is (the default outside
 * production), else behind the admin key like /docs. Queries always need the key: with the built-in development
 * key in force, the headers editor starts with it filled in. Registered ahead of the GraphQL HTTP layer.
 */
export function useGraphiqlExplorer(app: INestApplication, config: AppConfig): void {
  const server = app as NestExpressApplication;
  const assets = path.join(projectRoot(), EXPLORER_ASSETS_DIR);
  const gate: RequestHandler = config.deploy.docsPublic ? (_req, _res, next) => next() : adminKeyGate(config);
  const defaultHeaders = config.adminKeys.some(({ key }) => key === DEV_KEY)
    ? JSON.stringify({ Authorization: `Bearer ${DEV_KEY}` }, null, 2)
    : undefined;
  server.use(EXPLORER_ASSETS_PATH, gate, express.static(assets, { index: false, maxAge: '1h' }));
  server.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next();
    gate(req, res, () => {
      if (!fs.existsSync(path.join(assets, 'explorer.js'))) {
        const details = problem(503, 'The GraphiQL explorer is not built: run `npm run build`');
        return void res.status(503).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(details));
      }
      res.type('html').send(page(defaultHeaders));
    });
  });
}
