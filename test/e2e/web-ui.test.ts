import { Client, Connection } from '@temporalio/client';
import type { Activities } from '../../activities';
import type { AutomationRunInput } from '../../domain/run';
import { runWorkflowId } from '../../domain/triggers';
import { workflowListUrl } from '../../services/cli/web-ui-link';
import { findFreePort } from '../../services/common/runtime/ports';
import { startTemporalDevServer, type LocalTemporal } from '../../services/common/temporal/dev-server';
import { paymentFailed, version, recipe1 } from '../../testkit/automation-fixtures';
import { startWorker } from '../../testkit/time-skipping';
import { automationRunStartOptions } from '../../services/common/temporal/workflow-start-options';
import { hasChromium, launchChromium } from '../support/chromium';

jest.setTimeout(180_000);


/** A recipe-1 run on `invoiceId`, as the gateway starts one: same id, search attributes and summary. */
function runInput(invoiceId: string): AutomationRunInput {
  const automation = version(recipe1, 'automation-web-ui');
  // A real day: the run stays in its first retry wait while the browser looks at it.
  return { automation, subject: { type: 'invoice', id: invoiceId }, event: paymentFailed(Date.now(), 'year', 'insufficient_funds', { id: invoiceId }), dayMs: 86_400_000 };
}

const activities = {
  chargeInvoice: async () => ({ status: 'failed', declineCode: 'insufficient_funds', cardBrand: 'visa', invoiceStatus: 'open' }),
  recordRun: async () => undefined,
} as unknown as Activities;

(hasChromium('web-ui.test') ? describe : describe.skip)('Temporal Web UI in headless Chromium', () => {
  let temporal: LocalTemporal;
  let connection: Connection;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const taskQueue = 'web-ui-test';

  beforeAll(async () => {
    // The shared global setup's server is headless: this test needs one with the UI on.
    temporal = await startTemporalDevServer({ port: await findFreePort(), uiPort: await findFreePort(), namespace: 'default' });
    worker = await startWorker(taskQueue, activities, temporal.address);
    connection = await Connection.connect({ address: temporal.address });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop().catch(() => undefined);
    await connection?.close();
    await temporal?.stop();
  });

  it('lists a dunning run filtered by its InvoiceId, and only that run', async () => {
    const client = new Client({ connection });
    const start = async (invoiceId: string) => {
      const input = runInput(invoiceId);
      const workflowId = runWorkflowId(input.automation.automationId, input.subject);
      await client.workflow.start('automationRun', automationRunStartOptions(input, taskQueue));
      return workflowId;
    };
    const wanted = await start('in_web_ui_wanted');
    const other = await start('in_web_ui_other');
    // Wait until the run has upserted its step: visibility then holds what the UI queries.
    for (let i = 0; ; i++) {
      const found = [];
      for await (const w of client.workflow.list({ query: 'InvoiceId="in_web_ui_wanted" AND RunStep="retry_payment"' })) found.push(w.workflowId);
      if (found.includes(wanted)) break;
      if (i > 100) throw new Error('the run never showed up in visibility');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.goto(workflowListUrl(temporal.uiUrl!, 'default', 'InvoiceId', 'in_web_ui_wanted'));
    await page.getByText(wanted, { exact: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.getByText('1 Workflow', { exact: false }).first().waitFor({ timeout: 10_000 });
    expect(await page.getByText(other, { exact: true }).count()).toBe(0);
    expect(await page.getByText('RUNNING').count()).toBeGreaterThan(0);
  });
});
