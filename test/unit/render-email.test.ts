import { checkTemplateContent } from '../../activities/email/template-check';
import { DEFAULT_BRANDING, renderEmail, type EmailBranding } from '../../activities/email/render-email';
import { sampleContext } from '../../activities/email/template-samples';
import { BUILTIN_EMAIL_TEMPLATES } from '../../activities/email/templates';
import { emailLocaleOf, localizeContext, EMAIL_LANGUAGES, type EmailLanguage } from '../../domain/email-locale';
import { EMAIL_TEMPLATE_NAMES, type EmailTemplateName, type TemplateContext } from '../../domain/email-templates';

const builtin = (name: EmailTemplateName, language: EmailLanguage = 'en') => {
  const t = BUILTIN_EMAIL_TEMPLATES[name];
  return { name, audience: t.audience, language, content: t.content[language] };
};
const sample = (name: EmailTemplateName, patch: Partial<TemplateContext> = {}): TemplateContext => ({ ...sampleContext(BUILTIN_EMAIL_TEMPLATES[name]), ...patch });
const render = (name: EmailTemplateName, ctx = sample(name), language: EmailLanguage = 'en', brand: EmailBranding = DEFAULT_BRANDING) =>
  renderEmail(builtin(name, language), language === 'en' ? ctx : localizeContext(ctx, emailLocaleOf({ metadata: { locale: language } })), brand);

describe('renderEmail (MJML + Handlebars)', () => {
  it('ships every template the domain names in every language, as responsive HTML and a text part', async () => {
    expect(Object.keys(BUILTIN_EMAIL_TEMPLATES).sort()).toEqual([...EMAIL_TEMPLATE_NAMES].sort());
    for (const name of EMAIL_TEMPLATE_NAMES) {
      for (const language of EMAIL_LANGUAGES) {
        const { subject, html, text } = await render(name, sample(name), language);
        expect(subject).not.toMatch(/\n|\{\{/);
        expect(html).toMatch(/^<!doctype html>/i);
        expect(html).toContain('@media only screen'); // MJML's responsive columns
        expect(html).not.toMatch(/<mj-|\{\{/);
        expect(text).not.toMatch(/<\/?(p|a|table|tr|td|strong|br|mj-\w+)\b|&amp;|\{\{|\n{3}/);
        expect(await checkTemplateContent(BUILTIN_EMAIL_TEMPLATES[name], language, BUILTIN_EMAIL_TEMPLATES[name].content[language], DEFAULT_BRANDING)).toEqual([]);
      }
    }
  });

  it('names the product, not its id, and formats the amount in the invoice currency', async () => {
    const { html, text } = await render('payment_failed');
    expect(text).toContain('We could not collect €1,234.50 for invoice INV-0042 (Pro)');
    expect(html).toContain('<strong>€1,234.50</strong>');
    expect(text).not.toContain('prod_pro');
    const canceled = await render('cancellation_confirmation');
    expect(canceled.text).toContain('Your subscription to Pro was canceled on March 3, 2026.');
    expect(canceled.text).toContain('Plan: Pro\nBilled: every year');
    expect(canceled.text).not.toContain('prod_');
  });

  it('French for a customer whose locale is fr: words, amounts and dates', async () => {
    const where = emailLocaleOf({ metadata: {}, preferredLocales: ['fr-FR'] });
    expect(where).toEqual({ language: 'fr', locale: 'fr-FR', timeZone: 'UTC' });
    const { subject, text, html } = await renderEmail(builtin('payment_failed', 'fr'), localizeContext(sample('payment_failed'), where), DEFAULT_BRANDING);
    expect(subject).toBe('Échec du paiement de la facture INV-0042');
    expect(text).toMatch(/Nous n’avons pas pu encaisser 1\s234,50\s€ pour la facture INV-0042 \(Pro\), échue le 20 février 2026\./);
    expect(text).toContain('Une question sur votre facture ? Répondez simplement à cet e-mail.');
    expect(html).toContain('lang="fr"');
  });

  it('dates in the customer’s time zone where metadata names one', () => {
    const late = { ...sample('payment_failed') };
    late.raw = { ...late.raw!, due_date: Date.UTC(2026, 1, 20, 23, 30) };
    expect(localizeContext(late, emailLocaleOf({ metadata: { timezone: 'Asia/Tokyo' } })).invoice!.due_date).toBe('February 21, 2026');
    expect(localizeContext(late, emailLocaleOf({ metadata: { timezone: 'Not/AZone' } })).invoice!.due_date).toBe('February 20, 2026');
    expect(emailLocaleOf({ metadata: { locale: 'de-DE' } }).language).toBe('en'); // no German templates: English
  });

  it('brands the layout from config: company name or logo, colour, footer', async () => {
    const brand = { companyName: 'Acme Cloud', color: '#ff5500', footer: 'Acme SAS, 1 rue de la Paix, Paris' };
    const { html, text } = await render('payment_failed', sample('payment_failed'), 'en', brand);
    expect(html).toContain('Acme Cloud');
    expect(html).toContain('#ff5500');
    expect(text).toContain('Acme SAS, 1 rue de la Paix, Paris');
    const logo = await render('payment_failed', sample('payment_failed'), 'en', { ...brand, logoUrl: 'https://acme.test/logo.png' });
    expect(logo.html).toContain('src="https://acme.test/logo.png"');
  });

  it('the update link, only when it is http(s)', async () => {
    const own = await render('payment_failed', sample('payment_failed', { update_payment_method_url: 'https://acme.test/billing/card' }));
    expect(own.text).toContain('Update your payment method: https://acme.test/billing/card');
    expect(own.html).toContain('href="https://acme.test/billing/card"');
    const hostile = await render('cancellation_confirmation', sample('cancellation_confirmation', { survey_url: 'javascript:alert(1)' }));
    expect(hostile.html).not.toContain('javascript:');
    expect(hostile.text).not.toContain('survey');
  });

  it('HTML-escapes values in HTML and leaves the text part unescaped', async () => {
    const name = '<script>alert("x")</script> & Co';
    const { html, text, subject } = await render('team_memo', sample('team_memo', { customer: { id: 'cus_1', name, email: 'a@b.test' }, memo: 'Call {{customer.name}}\nnow' }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/Co<br \/>\s*now/);
    expect(text).toContain(`Call ${name}\nnow`);
    expect(subject).toBe(`[Billing] Call ${name}`);
  });
});

describe('checkTemplateContent (the save check)', () => {
  const t = BUILTIN_EMAIL_TEMPLATES.payment_failed;
  const check = (patch: Partial<typeof t.content.en>) => checkTemplateContent(t, 'en', { ...t.content.en, ...patch }, DEFAULT_BRANDING);

  it('refuses an unknown variable with the field it is in', async () => {
    const problems = await check({ text: 'Hello {{customer.nmae}}' });
    expect(problems).toEqual([{ path: 'content.text', message: expect.stringContaining('unknown variable {{customer.nmae}}') }]);
    expect(await check({ subject: '{{#if invoice.numbr}}x{{/if}}' })).toEqual([{ path: 'content.subject', message: expect.stringContaining('{{invoice.numbr}}') }]);
  });

  it('refuses bad Handlebars syntax, unknown helpers and MJML the renderer rejects', async () => {
    expect(await check({ body: '<mj-text>{{#if invoice}}unclosed</mj-text>' })).toEqual([{ path: 'content.body', message: expect.stringMatching(/^syntax error: /) }]);
    expect(await check({ body: '<mj-text>{{shout customer.name}}</mj-text>' })).toEqual([{ path: 'content.body', message: expect.stringContaining('unknown helper shout') }]);
    const mjml = await check({ body: '<mj-text>Hi</mj-text><mj-bogus>x</mj-bogus>' });
    expect(mjml).toEqual([expect.objectContaining({ path: 'content.body', message: expect.stringContaining('MJML') })]);
  });

  it('accepts the variables of the template’s trigger, scoped blocks and .length', async () => {
    expect(await check({ text: '{{#each subscription.products}}{{this}} {{/each}}{{#if subscription.products.length}}{{join subscription.products}}{{/if}} {{brand.company_name}}' })).toEqual([]);
  });
});
