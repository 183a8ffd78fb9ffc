import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../../common/runtime/project-root';

/** Where the built explorer assets live, under the project root. */
export const EXPLORER_ASSETS_DIR = path.join('dist', 'graphiql');

const ENTRY = 'services/gateway/graphql/explorer/graphiql-explorer.browser.mjs';

/**
 * Bundles the GraphiQL explorer (graphiql, React and Monaco's workers from node_modules) into `outDir` with
 * esbuild: `explorer.js`, `explorer.css`, the three workers and Monaco's icon font. A build-time step (esbuild
 * is a dev dependency); the gateway only serves the files. The bundle depends only on the lockfile and the
 * entry, so it is cached under node_modules/.cache and copied (`npm run build` empties dist/ every time).
 */
export async function buildExplorerAssets(outDir: string): Promise<void> {
  const root = projectRoot();
  const key = createHash('sha256')
    .update(fs.readFileSync(path.join(root, 'package-lock.json')))
    .update(fs.readFileSync(path.join(root, ENTRY)))
    .update(fs.readFileSync(__filename))
    .digest('hex')
    .slice(0, 16);
  const cached = path.join(root, 'node_modules', '.cache', 'graphiql-explorer', key);
  if (!fs.existsSync(cached)) {
    const staging = `${cached}.${process.pid}`;
    await bundle(path.join(root, ENTRY), staging);
    fs.rmSync(cached, { recursive: true, force: true });
    fs.renameSync(staging, cached);
  }
  fs.cpSync(cached, outDir, { recursive: true });
}

async function bundle(entry: string, outDir: string): Promise<void> {
  const { build } = await import('esbuild');
  const common = { bundle: true, minify: true, legalComments: 'linked', target: 'es2022', format: 'iife', outdir: outDir, logLevel: 'warning' } as const;
  await build({
    ...common,
    entryPoints: { explorer: entry },
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
  });
  await build({
    ...common,
    entryPoints: {
      'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
      'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
      'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
    },
  });
}
