import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { APPLICATION_METRICS } from '../../services/common/metrics/dunning-metrics';
import { metricsRegistry } from '../../services/common/metrics/metrics-registry';

const dir = path.resolve(__dirname, '../../docker/observability');
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

/** Series a metric exposes: histograms add _bucket, _sum and _count. */
async function exportedSeries(): Promise<Set<string>> {
  const names = new Set<string>(['up']); // Prometheus's own per-target series
  for (const metric of await metricsRegistry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

/** Metric names in a PromQL expression: identifiers followed by `{`, `[`, a space or the end, minus PromQL words. */
function metricNames(expr: string): string[] {
  const words = new Set(['sum', 'by', 'rate', 'increase', 'max', 'min', 'and', 'or', 'offset', 'histogram_quantile', 'clamp_min', 'le', 'avg']);
  const withoutLabels = expr.replace(/\{[^}]*\}/g, ' ').replace(/\([a-z_, ]*\)\s*\(/g, ' (').replace(/by \([^)]*\)/g, ' ');
  return [...withoutLabels.matchAll(/\b[a-z_:][a-z0-9_:]*\b/g)].map((m) => m[0]).filter((w) => !words.has(w) && !/^\d/.test(w) && !/^\d+[smhd]$/.test(w));
}

describe('operator files under docker/observability', () => {
  it('the alert rules are well-formed and name only exported metrics', async () => {
    const rules = parse(read('alert-rules.yml')) as { groups: { name: string; rules: Record<string, unknown>[] }[] };
    const series = await exportedSeries();
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.map((r) => r.alert)).toEqual(expect.arrayContaining([
      'DunningOutboxNotDraining', 'DunningDispatchLagHigh', 'DunningRunFailureRateHigh', 'DunningNetworkDeferralsRising',
    ]));
    for (const rule of alerts) {
      expect(Object.keys(rule).sort()).toEqual(expect.arrayContaining(['alert', 'annotations', 'expr', 'labels']));
      expect(typeof rule.expr).toBe('string');
      expect((rule.annotations as Record<string, string>).summary).toBeTruthy();
      expect(metricNames(rule.expr as string).filter((name) => !series.has(name))).toEqual([]);
    }
  });

  it('the dashboard queries only exported metrics, and covers every application metric', async () => {
    const dashboard = JSON.parse(read('grafana/dashboards/dunning-overview.json')) as { uid: string; panels: { targets: { expr: string }[] }[] };
    const series = await exportedSeries();
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const used = new Set(exprs.flatMap(metricNames));
    expect([...used].filter((name) => !series.has(name))).toEqual([]);
    const covered = (name: string) => [...used].some((u) => u === name || u.startsWith(`${name}_`));
    expect(APPLICATION_METRICS.filter((name) => !covered(name) && name !== 'dunning_events_duplicate_total')).toEqual([]);
  });

  it('Prometheus scrapes the gateway and the worker and loads the rules', () => {
    const config = parse(read('prometheus.yml')) as { rule_files: string[]; scrape_configs: { job_name: string }[] };
    expect(config.scrape_configs.map((c) => c.job_name).sort()).toEqual(['gateway', 'worker']);
    expect(config.rule_files).toEqual(['/etc/prometheus/alert-rules.yml']);
    const compose = parse(fs.readFileSync(path.join(dir, '../compose.observability.yaml'), 'utf8')) as { services: Record<string, { profiles: string[] }> };
    expect(Object.values(compose.services).every((s) => s.profiles.includes('observability'))).toBe(true);
  });

  it('the expression parser finds the metric names (so the checks above can fail)', () => {
    expect(metricNames('sum by (le) (rate(dunning_dispatch_lag_seconds_bucket[10m])) > 60 and max(nope_total{a="b"})'))
      .toEqual(['dunning_dispatch_lag_seconds_bucket', 'nope_total']);
  });
});
