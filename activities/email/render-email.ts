import Handlebars from 'handlebars';
import { EMAIL_TEMPLATE_NAMES, fillVariables, type EmailTemplateName, type TemplateContext } from '../../domain/email-templates';
import { EMAIL_TEMPLATES, HTML_LAYOUT, TEXT_LAYOUT } from './templates';

/** A rendered email: a one-line subject, an HTML body in the shared layout, and its plain-text twin. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The template names, for listings and previews. */
export const EMAIL_TEMPLATE_LIST: readonly EmailTemplateName[] = EMAIL_TEMPLATE_NAMES;

// Two isolated environments (no global helpers): HTML escapes every `{{value}}`; subject and text are
// compiled with noEscape (no `&amp;` in a plain-text email).
const html = Handlebars.create();
const text = Handlebars.create();
for (const env of [html, text]) {
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('join', (values: unknown) => (Array.isArray(values) ? values.join(', ') : ''));
  env.registerHelper('plural', (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`);
  // Only http(s) links reach an href: a `javascript:` or `data:` URL in a setting renders as nothing.
  env.registerHelper('url', (value: unknown) => (typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value) ? value : ''));
  env.registerHelper('firstLine', (value: unknown) => String(value ?? '').trim().split('\n')[0].slice(0, 150));
}
// The memo's own line breaks, kept in HTML: escape first, then add the <br>s.
html.registerHelper('lines', (value: unknown) =>
  new Handlebars.SafeString(Handlebars.escapeExpression(String(value ?? '')).replace(/\r?\n/g, '<br>\n')));

type Compiled = { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate };
const options = { strict: false };
const plain = { ...options, noEscape: true };
const compiled = new Map<EmailTemplateName, Compiled>();
const layouts = { html: html.compile(HTML_LAYOUT, options), text: text.compile(TEXT_LAYOUT, plain) };

function templateOf(name: EmailTemplateName): Compiled {
  const source = EMAIL_TEMPLATES[name];
  if (!source) throw new Error(`Unknown email template: ${name}`);
  let t = compiled.get(name);
  if (!t) {
    t = { subject: text.compile(source.subject, plain), html: html.compile(source.html, options), text: text.compile(source.text, plain) };
    compiled.set(name, t);
  }
  return t;
}

/** Renders one template with a run's variables to subject, HTML and text; values are HTML-escaped. */
export function renderEmail(name: EmailTemplateName, context: TemplateContext): RenderedEmail {
  const t = templateOf(name);
  const audience = EMAIL_TEMPLATES[name].audience;
  const data = {
    ...context,
    audience,
    // buildTemplateContext sets the URL; the fallback serves contexts built before it did (activity inputs
    // already in the histories of running workflows).
    payment_link: context.update_payment_method_url ?? context.invoice?.hosted_invoice_url,
    // The memo may still hold `{{days_overdue}}`-style variables; filling is a no-op when it does not.
    memo: context.memo ? fillVariables(context.memo, context) : `Billing automation ${context.automation.name}`,
  };
  const subject = t.subject(data).replace(/\s+/g, ' ').trim(); // one header line, whatever the variables hold
  return {
    subject,
    html: layouts.html({ ...data, subject, content: t.html(data) }),
    text: layouts.text({ ...data, content: t.text(data) }).replace(/\n{3,}/g, '\n\n').trim() + '\n',
  };
}
