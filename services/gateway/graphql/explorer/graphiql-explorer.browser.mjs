// The GraphiQL explorer's browser entry, bundled by build-explorer-assets.ts (esbuild) from the npm packages into
// dist/graphiql/: no CDN, so the explorer works offline. The page passes its settings as data attributes (no
// inline script, so helmet's Content-Security-Policy holds).
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

const assets = document.currentScript?.src ? new URL('.', document.currentScript.src).href : '/graphiql/';

// Monaco runs its language services in web workers, built beside this bundle.
globalThis.MonacoEnvironment = {
  getWorker(_id, label) {
    const name = label === 'json' ? 'json.worker.js' : label === 'graphql' ? 'graphql.worker.js' : 'editor.worker.js';
    return new Worker(new URL(name, assets));
  },
};

const root = document.getElementById('graphiql');
const settings = root.dataset;
const params = new URLSearchParams(window.location.search);
const fetcher = createGraphiQLFetcher({ url: settings.endpoint || '/graphql' });

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders: settings.defaultHeaders || '{\n  "Authorization": "Bearer <admin API key>"\n}',
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
    // A link can carry a query to open (?query=…), as GraphiQL's own examples do.
    initialQuery: params.get('query') ?? undefined,
  }),
);
