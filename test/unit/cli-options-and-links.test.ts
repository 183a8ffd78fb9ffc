import { parseArgs, secondsFlag, UsageError } from '../../services/cli/cli-main';
import { parseCliEnv } from '../../services/cli/cli-options';
import { workflowListUrl, workflowUrl } from '../../services/cli/web-ui-link';

describe('Temporal Web UI links', () => {
  it('filters the workflow list by a search attribute the way the UI 2.x filter bar writes it', () => {
    expect(workflowListUrl('http://localhost:8233/', 'default', 'InvoiceId', 'in_123'))
      .toBe('http://localhost:8233/namespaces/default/workflows?query=InvoiceId%3D%22in_123%22');
    expect(decodeURIComponent(workflowListUrl('http://ui', 'ns', 'CustomerId', 'a"b').split('query=')[1])).toBe('CustomerId="a\\"b"');
  });

  it('links one execution, escaping the colons of run ids', () => {
    expect(workflowUrl('http://ui', 'default', 'run:a1:invoice:in_1', 'r-1'))
      .toBe('http://ui/namespaces/default/workflows/run%3Aa1%3Ainvoice%3Ain_1/r-1/history');
  });
});

describe('CLI options', () => {
  it('defaults to the local development system', () => {
    expect(parseCliEnv({})).toEqual({
      gatewayUrl: 'http://localhost:3000', apiKey: 'dev-admin-key', temporalUiUrl: 'http://localhost:8233', namespace: 'default',
    });
  });

  it('follows the variables that moved `make up` (PORT, TEMPORAL_UI_PORT, ADMIN_API_KEYS), explicit URLs winning', () => {
    expect(parseCliEnv({ PORT: '3300', TEMPORAL_UI_PORT: '8300', ADMIN_API_KEYS: ' k1 ,k2' }))
      .toMatchObject({ gatewayUrl: 'http://localhost:3300', temporalUiUrl: 'http://localhost:8300', apiKey: 'k1' });
    expect(parseCliEnv({ PORT: '3300', GATEWAY_URL: 'https://billing.example.com', ADMIN_API_KEY: 'mine', ADMIN_API_KEYS: 'k1' }))
      .toMatchObject({ gatewayUrl: 'https://billing.example.com', apiKey: 'mine' });
  });

  it('finds the running system from the addresses it recorded when no variable says otherwise', () => {
    const running = { gatewayUrl: 'http://localhost:3400', temporalUiUrl: 'http://localhost:8600', namespace: 'demo', pid: 1 };
    expect(parseCliEnv({}, running)).toEqual({
      gatewayUrl: 'http://localhost:3400', apiKey: 'dev-admin-key', temporalUiUrl: 'http://localhost:8600', namespace: 'demo',
    });
    expect(parseCliEnv({ PORT: '3300', TEMPORAL_UI_URL: 'http://ui.example', TEMPORAL_NAMESPACE: 'ns' }, running))
      .toMatchObject({ gatewayUrl: 'http://localhost:3300', temporalUiUrl: 'http://ui.example', namespace: 'ns' });
  });

  it('names a bad variable', () => {
    expect(() => parseCliEnv({ GATEWAY_URL: 'localhost:3000' })).toThrow(/^GATEWAY_URL: .*\(got "localhost:3000"\)$/);
  });

  it('parses positional arguments and flags', () => {
    expect(parseArgs(['annual-dunning', '--wait', '5', '--follow', '--interval=2'], ['wait', 'interval']))
      .toEqual({ positional: ['annual-dunning'], flags: { wait: '5', follow: true, interval: '2' } });
    expect(() => parseArgs(['--wait'], ['wait'])).toThrow(UsageError);
    expect(secondsFlag({ wait: '1.5' }, 'wait', 9)).toBe(1_500);
    expect(secondsFlag({}, 'wait', 9)).toBe(9);
    expect(() => secondsFlag({ wait: 'soon' }, 'wait', 9)).toThrow('--wait takes a number of seconds');
  });
});
