import { devServerSearchAttributeFlags } from '../../services/common/temporal/search-attributes';
import { runKey, type AutomationRunInput } from '../../domain/run';
import { RUN_SEARCH_ATTRIBUTES, runSearchAttributes, runStartSearchAttributes } from '../../workflows/search-attributes';
import { paymentFailed, recipe1, subscriptionCanceled, version } from '../../testkit/automation-fixtures';

const DAY = 86_400_000;

describe('runKey', () => {
  const first = { workflowId: 'run:a1:invoice:in_1', firstExecutionRunId: '5f0c2a4e-0000-4000-8000-000000000001' };
  const later = { ...first, firstExecutionRunId: '5f0c2a4e-0000-4000-8000-000000000002' };

  it('is the workflow id, the first execution run id, then the parts', () => {
    expect(runKey(first, 0, 3)).toBe('run:a1:invoice:in_1:5f0c2a4e-0000-4000-8000-000000000001:0:3');
    expect(runKey(first, 'attempt:0:1:deferred:42')).toBe(`${first.workflowId}:${first.firstExecutionRunId}:attempt:0:1:deferred:42`);
  });

  it('differs between runs that share a workflow id, and only by the run id', () => {
    expect(runKey(later, 2)).not.toBe(runKey(first, 2));
    expect(runKey(later, 2).replace(later.firstExecutionRunId, first.firstExecutionRunId)).toBe(runKey(first, 2));
  });

  it('reads only the chain id from workflowInfo(), so a continued-as-new run (new runId) keeps its keys', () => {
    const info = { ...first, runId: 'continued-run-id', workflowType: 'automationRun' };
    expect(runKey(info, 1)).toBe(runKey(first, 1));
  });
});

describe('search attributes', () => {
  it('defines one Keyword key per attribute the cluster registers', () => {
    expect(Object.keys(RUN_SEARCH_ATTRIBUTES).sort()).toEqual(['AutomationId', 'CustomerId', 'InvoiceId', 'RunStep', 'SubscriptionId']);
    for (const [name, key] of Object.entries(RUN_SEARCH_ATTRIBUTES)) expect(key).toEqual({ name, type: 'KEYWORD' });
    expect(devServerSearchAttributeFlags()).toEqual(
      ['AutomationId', 'CustomerId', 'InvoiceId', 'SubscriptionId', 'RunStep'].flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
    );
  });

  it('leaves out values that are not set', () => {
    expect(runSearchAttributes({ RunStep: 'wait', InvoiceId: undefined, CustomerId: '' })).toEqual([{ key: RUN_SEARCH_ATTRIBUTES.RunStep, value: 'wait' }]);
  });

  it('tags a run with its automation and the ids it is about', () => {
    const values = (input: AutomationRunInput) => Object.fromEntries(runStartSearchAttributes(input).map(({ key, value }) => [key.name, value]));
    const invoiceRun = { automation: version(recipe1, 'auto_1'), subject: { type: 'invoice' as const, id: 'in_1' }, event: paymentFailed(0), dayMs: DAY };
    expect(values(invoiceRun)).toEqual({ AutomationId: 'auto_1', CustomerId: 'cus_1', InvoiceId: 'in_1', SubscriptionId: 'sub_1', RunStep: 'starting' });
    const subscriptionRun = { ...invoiceRun, subject: { type: 'subscription' as const, id: 'sub_1' }, event: subscriptionCanceled(0) };
    expect(values(subscriptionRun)).toEqual({ AutomationId: 'auto_1', CustomerId: 'cus_1', SubscriptionId: 'sub_1', RunStep: 'starting' });
  });
});
