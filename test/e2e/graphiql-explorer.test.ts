import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { projectRoot } from '../../services/common/runtime/project-root';
import { body, KEY, recipe1, startAdminApp, type AdminApp } from './admin-helpers';
import { buildDist } from '../support/up-process';
import { hasChromium, launchChromium } from '../support/chromium';

jest.setTimeout(180_000);

/** The committed picture of docs/admin-api.md is re-taken with UPDATE_SCREENSHOTS=1; otherwise it goes to a temporary file. */
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(projectRoot(), 'docs/images/graphiql.png') : path.join(os.tmpdir(), `graphiql-${process.pid}.png`);
const loopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

describe('the GraphiQL explorer at GET /graphql', () => {
  let dev: AdminApp;
  let prod: AdminApp;

  beforeAll(async () => {
    buildDist(); // the explorer's assets are bundled by the build (dist/graphiql)
    dev = await startAdminApp({ ADMIN_API_KEYS: `dev-admin-key,${KEY}` }); // the built-in development key and the suite's
    prod = await startAdminApp({ NODE_ENV: 'production', ADMIN_API_KEYS: 'ops:a-real-admin-key', ALLOW_SANDBOX_IN_PRODUCTION: 'true', WEBHOOK_SIGNING_SECRET: 'a-real-signing-secret-0123' });
  });
  afterAll(async () => {
    await dev?.close();
    await prod?.close();
  });

  it('serves the page and its bundled assets to a browser in development, GraphQL to everyone else', async () => {
    const http = request(dev.app.getHttpServer());
    const html = await http.get('/graphql').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    // Only same-origin assets: no CDN anywhere in the page.
    expect(html.text.match(/(?:src|href)="[^"]+"/g)).toEqual(['href="/graphiql/explorer.css"', 'src="/graphiql/explorer.js"']);
    for (const asset of ['explorer.js', 'explorer.css', 'editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      await http.get(`/graphiql/${asset}`).expect(200);
    }
    const missing = await http.get('/graphiql/nothing-here.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/); // the app's own 404, not a bare page
    // A GraphQL client's GET is still GraphQL (and needs the key).
    await http.get('/graphql?query={__typename}').set('Accept', 'application/json').expect(401);
  });

  it('asks for the admin key in production, for the page and its assets', async () => {
    const http = request(prod.app.getHttpServer());
    const refused = await http.get('/graphql').set('Accept', 'text/html').expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await http.get('/graphiql/explorer.js').expect(401);
    const page = await http.get('/graphql').set('Accept', 'text/html').set('Authorization', 'Bearer a-real-admin-key').expect(200);
    expect(page.text).toContain('/graphiql/explorer.js');
    expect(page.text).not.toContain('data-default-headers'); // no key is ever written into the page in production
    await http.get('/graphiql/explorer.js').set('Authorization', 'Bearer a-real-admin-key').expect(200);
  });

  (hasChromium('graphiql-explorer.test') ? it : it.skip)('loads offline in headless Chromium, runs a query and shows its result', async () => {
    await dev.post('/v1/automations', body(recipe1, { name: 'Seen through GraphiQL' })).expect(201);
    const server = dev.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await launchChromium();
    try {
      // No network but loopback: anything else is refused and counted.
      const outside: string[] = [];
      await browser.context.route('**/*', (route) => (loopback(route.request().url()) ? route.continue() : (outside.push(route.request().url()), route.abort())));
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const query = '{ automations { data { name trigger } } }';
      await page.goto(`${origin}/graphql?query=${encodeURIComponent(query)}`);
      await page.locator('.graphiql-execute-button').click({ timeout: 60_000 });
      const response = page.locator('.result-window');
      await response.getByText('Seen through GraphiQL').first().waitFor({ timeout: 60_000 });
      expect(await response.innerText()).toContain('"data"');
      // The schema reached the explorer (introspection with the prefilled development key): its docs list the types.
      await page.locator('button[aria-label="Show Documentation Explorer"]').click();
      await page.getByText('AutomationList', { exact: true }).first().waitFor({ timeout: 30_000 });
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: SCREENSHOT });
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
