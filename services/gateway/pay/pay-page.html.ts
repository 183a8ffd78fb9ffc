import Handlebars from 'handlebars';
import { formatDate, formatMoney } from '../../../domain/format';

/** What the page shows: the customer, the open invoice (if the link is about one) and the cards on file. */
export interface PayPageView {
  token: string;
  customer: { name: string | null; email: string | null };
  invoice?: { number: string; amountDue: number; currency: string; dueDate: Date | null; status: string; attemptCount: number };
  cards: { brand: string; last4: string | null; expMonth: number | null; expYear: number | null; isDefault: boolean }[];
  notice?: { kind: 'ok' | 'error'; text: string };
}

const esc = (value: unknown) => Handlebars.Utils.escapeExpression(String(value ?? ''));

// Inline only: the page makes no request of its own (no CDN, no script), so the CSP forbids everything else.
const STYLE = 'body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}'
  + 'section{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}label{display:block;margin:.5rem 0}'
  + 'input{padding:.4rem;font-size:1rem}button{padding:.5rem 1rem;font-size:1rem}.ok{color:#176b2c}.error{color:#a31515}';

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const cardLine = (c: PayPageView['cards'][number]) =>
  `${esc(c.brand)} ending in ${esc(c.last4 ?? '????')}${c.expMonth && c.expYear ? ` (expires ${esc(String(c.expMonth).padStart(2, '0'))}/${esc(c.expYear)})` : ''}${c.isDefault ? ' — default' : ''}`;

function invoiceSection(view: PayPageView): string {
  const inv = view.invoice;
  if (!inv) return '';
  const amount = formatMoney({ amount: inv.amountDue, currency: inv.currency });
  const due = inv.dueDate ? `<p>Due: <span id="due-date">${esc(formatDate(inv.dueDate.getTime()))}</span></p>` : '';
  const pay = inv.status === 'open'
    ? `<form method="post" action="/pay/${esc(view.token)}"><input type="hidden" name="token" value="${esc(view.token)}">`
      + `<input type="hidden" name="action" value="pay"><input type="hidden" name="attempt" value="${inv.attemptCount}">`
      + `<button type="submit" id="pay">Pay ${esc(amount)} with the default card</button></form>`
    : `<p id="invoice-status">This invoice is ${esc(inv.status)}.</p>`;
  return `<section><h2>Invoice <span id="invoice-number">${esc(inv.number)}</span></h2>`
    + `<p>Amount due: <strong id="amount-due">${esc(amount)}</strong></p>${due}${pay}</section>`;
}

/** The page of a valid link. */
export function renderPayPage(view: PayPageView): string {
  const who = view.customer.name ?? view.customer.email ?? 'your account';
  const notice = view.notice ? `<p role="status" id="notice" class="${view.notice.kind}">${esc(view.notice.text)}</p>` : '';
  const cards = view.cards.length ? `<ul>${view.cards.map((c) => `<li>${cardLine(c)}</li>`).join('')}</ul>` : '<p>No card on file.</p>';
  const addCard = `<section><h2>${view.cards.length ? 'Add or replace a card' : 'Add a card'}</h2>`
    + `<form method="post" action="/pay/${esc(view.token)}"><input type="hidden" name="token" value="${esc(view.token)}"><input type="hidden" name="action" value="card">`
    + '<label>Card number <input name="number" id="card-number" inputmode="numeric" autocomplete="cc-number" required pattern="[0-9 ]{12,23}"></label>'
    + '<label>Expiry month <input name="expMonth" id="exp-month" inputmode="numeric" required pattern="[0-9]{1,2}" size="2"></label>'
    + '<label>Expiry year <input name="expYear" id="exp-year" inputmode="numeric" required pattern="[0-9]{4}" size="4"></label>'
    + '<button type="submit" id="add-card">Save as the default card</button></form></section>';
  return layout('Your billing', `<h1>Billing for ${esc(who)}</h1>${notice}${invoiceSection(view)}<section><h2>Cards on file</h2>${cards}</section>${addCard}`);
}

/** The page of a refused link or request (4xx). */
export function renderRefusal(title: string, detail: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p id="refusal">${esc(detail)}</p>`);
}
