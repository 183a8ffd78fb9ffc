import type { AdminClient } from './admin-client';
import { formatMoney } from './cli-format';
import { DEMO_CURRENCY, DEMO_PRODUCTS, type DemoProductKey, type Interval } from './demo-catalog';

/** Sandbox ids of the demo products and their prices. */
export type DemoCatalog = Record<DemoProductKey, { id: string; prices: Partial<Record<Interval, string>> }>;

interface Product { id: string; name: string; prices?: Price[] }
interface Price { id: string; interval: Interval; unitAmount: number; currency: string }

/**
 * Finds the demo products and prices in the sandbox by name, interval and amount, creating what is
 * missing: idempotent, so the seed and every scenario can call it. `created` lists what it made.
 */
export async function ensureDemoCatalog(api: AdminClient, created: string[] = []): Promise<DemoCatalog> {
  const existing = await api.list<Product>('/v1/sandbox/products');
  const catalog = {} as DemoCatalog;
  for (const key of Object.keys(DEMO_PRODUCTS) as DemoProductKey[]) {
    const spec = DEMO_PRODUCTS[key];
    let product = existing.find((p) => p.name === spec.name);
    if (!product) {
      product = await api.post<Product>('/v1/sandbox/products', { name: spec.name });
      created.push(`product ${product.id} (${spec.name})`);
    }
    const { prices = [] } = await api.get<Product>(`/v1/sandbox/products/${product.id}`);
    catalog[key] = { id: product.id, prices: {} };
    for (const [interval, unitAmount] of Object.entries(spec.prices) as [Interval, number][]) {
      let price = prices.find((p) => p.interval === interval && p.unitAmount === unitAmount && p.currency === DEMO_CURRENCY);
      if (!price) {
        price = await api.post<Price>('/v1/sandbox/prices', { productId: product.id, unitAmount, currency: DEMO_CURRENCY, interval });
        created.push(`price ${price.id} (${spec.name}, ${formatMoney(unitAmount, DEMO_CURRENCY)}/${interval})`);
      }
      catalog[key].prices[interval] = price.id;
    }
  }
  return catalog;
}
