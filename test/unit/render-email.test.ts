import { EMAIL_TEMPLATE_NAMES, type TemplateContext } from '../../domain/email-templates';
import { EMAIL_TEMPLATE_LIST, renderEmail } from '../../activities/email/render-email';
import { EMAIL_TEMPLATE_SAMPLES } from '../support/email-samples';

const sample = <T extends keyof typeof EMAIL_TEMPLATE_SAMPLES>(name: T, patch: Partial<TemplateContext> = {}): TemplateContext =>
  ({ ...structuredClone(EMAIL_TEMPLATE_SAMPLES[name]), ...patch });

describe('renderEmail', () => {
  it('provides every template the domain names, each previewable in the shared layout', () => {
    expect([...EMAIL_TEMPLATE_LIST].sort()).toEqual([...EMAIL_TEMPLATE_NAMES].sort());
    for (const name of EMAIL_TEMPLATE_NAMES) {
      const { subject, html, text } = renderEmail(name, EMAIL_TEMPLATE_SAMPLES[name]);
      expect(subject).not.toMatch(/\n|\{\{/);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain(`<title>${subject.replace(/&/g, '&amp;')}</title>`);
      expect(text).not.toMatch(/<\/?(p|a|table|tr|td|strong|br)\b|&amp;|\{\{|\n{3}/);
    }
  });

  it('cancellation_confirmation: subscription, date and the survey link', () => {
    const { subject, html, text } = renderEmail('cancellation_confirmation', sample('cancellation_confirmation'));
    expect(subject).toBe('Your subscription has been canceled');
    expect(html).toContain('Hi Ada Lovelace,');
    expect(html).toContain('canceled on <strong>March 3, 2026</strong>');
    expect(html).toContain('<td>sub_preview</td>');
    expect(html).toContain('every month');
    expect(html).toContain('<a href="https://example.com/survey?c&#x3D;cus_preview">answer the survey</a>');
    expect(text).toContain('Your subscription was canceled on March 3, 2026.');
    expect(text).toContain('Subscription: sub_preview\nPlan: prod_pro\nBilled: every month');
    expect(text).toContain('It takes a minute: https://example.com/survey?c=cus_preview');
    expect(text).toContain('Questions about your bill? Just reply to this email.');
  });

  it('cancellation_confirmation: no survey paragraph without a survey link, or with a non-http one', () => {
    for (const survey_url of [undefined, 'javascript:alert(1)']) {
      const { html, text } = renderEmail('cancellation_confirmation', sample('cancellation_confirmation', { survey_url }));
      expect(html).not.toContain('survey');
      expect(text).not.toContain('survey');
      expect(html).not.toContain('javascript:');
    }
  });

  it('payment_failed: amount, invoice and the update-payment-method link', () => {
    const { subject, html, text } = renderEmail('payment_failed', sample('payment_failed'));
    expect(subject).toBe('Payment failed for invoice INV-0042');
    expect(html).toContain('We could not collect <strong>$1,234.50</strong> for invoice INV-0042');
    expect(html).toContain('<a href="https://invoice.stripe.com/i/acct_preview/in_preview"');
    expect(html).toContain('Update your payment method</a>');
    expect(text).toContain('declined the charge.\n\nUpdate your payment method: https://invoice.stripe.com/i/acct_preview/in_preview\n\nWe will try');
    const own = renderEmail('payment_failed', sample('payment_failed', { update_payment_method_url: 'https://acme.test/billing/card' }));
    expect(own.text).toContain('Update your payment method: https://acme.test/billing/card');
    expect(own.html).not.toContain('invoice.stripe.com');
    // A context built before the field existed (an activity input already in a running workflow's history).
    const legacy = renderEmail('payment_failed', sample('payment_failed', { update_payment_method_url: undefined }));
    expect(legacy.text).toContain('Update your payment method: https://invoice.stripe.com/i/acct_preview/in_preview');
    const none = renderEmail('payment_failed', sample('payment_failed', { update_payment_method_url: undefined, invoice: { ...sample('payment_failed').invoice!, hosted_invoice_url: undefined } }));
    expect(none.text).not.toContain('Update your payment method');
  });

  it('invoice_overdue: days overdue in subject and body, with the pay link', () => {
    const { subject, html, text } = renderEmail('invoice_overdue', sample('invoice_overdue'));
    expect(subject).toBe('Invoice INV-0042 is 11 days overdue');
    expect(html).toContain('was due on February 20, 2026 and is now 11 days overdue');
    expect(html).toContain('Pay invoice INV-0042</a>');
    expect(text).toContain('overdue.\n\nPay it here: https://invoice.stripe.com/i/acct_preview/in_preview\n\nIf you');
    expect(renderEmail('invoice_overdue', sample('invoice_overdue', { days_overdue: 1 })).subject).toBe('Invoice INV-0042 is 1 day overdue');
    expect(renderEmail('invoice_overdue', sample('invoice_overdue', { days_overdue: undefined })).subject).toBe('Invoice INV-0042 is overdue');
  });

  it('team_memo: the memo with its variables filled, then the facts, signed by the automation', () => {
    const { subject, html, text } = renderEmail('team_memo', sample('team_memo'));
    expect(subject).toBe('[Billing] Invoice over $500 overdue by 11 days: please call Ada Lovelace.');
    expect(html).toContain('<p style="font-size:16px;">Invoice over $500 overdue by 11 days: please call Ada Lovelace.</p>');
    expect(text).toMatch(/^Invoice over \$500 overdue by 11 days: please call Ada Lovelace\.\n\nCustomer: Ada Lovelace <ada@example.com> \(cus_preview\)\nInvoice: INV-0042: \$1,234\.50 of \$1,234\.50 due on February 20, 2026, 11 days overdue\n/);
    expect(text).toContain('Sent by the billing automation "Recover failed payments" (version 3).');
    expect(html).toContain('Sent by the billing automation “Recover failed payments” (version 3).');
  });

  it('HTML-escapes every value in HTML, and leaves text and subject unescaped', () => {
    const hostile = '<script>alert("x")</script> & Co';
    const ctx = sample('team_memo', { customer: { id: 'cus_1', name: hostile, email: 'a@b.test' }, memo: `Call {{customer.name}}\nnow` });
    const { subject, html, text } = renderEmail('team_memo', ctx);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('now'); // memo line breaks kept as <br>
    expect(html).toMatch(/Co<br>\nnow/);
    expect(text).toContain(`Call ${hostile}\nnow`);
    expect(subject).toBe(`[Billing] Call ${hostile}`);
    const overdue = renderEmail('invoice_overdue', sample('invoice_overdue', { customer: { id: 'c', name: hostile } }));
    expect(overdue.html).toContain('Hi &lt;script&gt;');
  });

  it('greets without a name, and refuses an unknown template', () => {
    expect(renderEmail('payment_failed', sample('payment_failed', { customer: { id: 'cus_1' } })).text).toMatch(/^Hi there,/);
    expect(() => renderEmail('nope' as never, sample('payment_failed'))).toThrow('Unknown email template: nope');
  });
});
