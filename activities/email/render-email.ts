import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import type { EmailLanguage } from '../../domain/email-locale';
import { fillVariables, type EmailTemplateName, type TemplateContext } from '../../domain/email-templates';
import { BUILTIN_EMAIL_TEMPLATES, type EmailTemplateContent } from './templates';
import { FOOTER_LINES, MJML_LAYOUT, TEXT_LAYOUT } from './templates/layout.template';

/** A rendered email: a one-line subject, a responsive HTML body (MJML) in the branded layout, and its plain-text twin. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The company's look in every email, from config. */
export interface EmailBranding {
  companyName: string;
  logoUrl?: string;
  /** CSS colour of buttons and the name in the header, e.g. `#2563eb`. */
  color: string;
  footer?: string;
  replyTo?: string;
}

/** One template version to render: its content in one language and whom it is written for. */
export interface TemplateToRender {
  name: string;
  audience: 'customer' | 'team';
  language: EmailLanguage;
  content: EmailTemplateContent;
}

// Two isolated environments (no global helpers): the MJML body escapes every `{{value}}`; subject and text are
// compiled with noEscape (no `&amp;` in a plain-text email).
const markup = Handlebars.create();
const plain = Handlebars.create();
/** Helpers a template may call; anything else in `{{…}}` must be a variable. */
export const TEMPLATE_HELPERS = ['if', 'unless', 'each', 'with', 'eq', 'join', 'plural', 'url', 'firstLine', 'lines'];
for (const env of [markup, plain]) {
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('join', (values: unknown) => (Array.isArray(values) ? values.join(', ') : ''));
  // `{{plural n "day" "days"}}`: the word is the template's, so every language says its own plural.
  env.registerHelper('plural', (n: number, one: string, many: unknown) => `${n} ${n === 1 || typeof many !== 'string' ? one : many}`);
  // Only http(s) links reach an href: a `javascript:` or `data:` URL in a setting renders as nothing.
  env.registerHelper('url', (value: unknown) => (typeof value === 'string' && /^https?:\/\/[^\s"<>]+$/i.test(value) ? value : ''));
  env.registerHelper('firstLine', (value: unknown) => String(value ?? '').trim().split('\n')[0].slice(0, 150));
}
// The memo's own line breaks, kept in HTML: escape first, then add the <br>s.
markup.registerHelper('lines', (value: unknown) =>
  new Handlebars.SafeString(Handlebars.escapeExpression(String(value ?? '')).replace(/\r?\n/g, '<br />\n')));
plain.registerHelper('lines', (value: unknown) => String(value ?? ''));

type Compiled = HandlebarsTemplateDelegate;
const options = { strict: false };
const noEscape = { ...options, noEscape: true };
// Compiled by source text: an edited template is a new source, and the built-ins compile once.
const cache = new Map<string, Compiled>();
const MAX_CACHED = 500;

function compile(env: typeof markup, source: string): Compiled {
  const key = `${env === markup ? 'm' : 'p'}:${source}`;
  let t = cache.get(key);
  if (!t) {
    t = env.compile(source, env === markup ? options : noEscape);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, t);
  }
  return t;
}

/** The Handlebars data of one email: the context, the brand and the derived values every layout uses. */
function dataOf(template: TemplateToRender, context: TemplateContext, branding: EmailBranding): Record<string, unknown> {
  const data = {
    ...context,
    locale: template.language,
    audience: template.audience,
    brand: { company_name: branding.companyName, logo_url: branding.logoUrl, color: branding.color, footer: branding.footer },
    // buildTemplateContext sets the URL; the fallback serves contexts built before it did (activity inputs
    // already in the histories of running workflows).
    update_payment_method_url: context.update_payment_method_url ?? context.invoice?.hosted_invoice_url,
    // The memo may still hold `{{days_overdue}}`-style variables; filling is a no-op when it does not.
    memo: context.memo ? fillVariables(context.memo, context) : `Billing automation ${context.automation.name}`,
  };
  return { ...data, footer_line: compile(plain, FOOTER_LINES[template.language][template.audience])(data) };
}

/** Renders one template version with a run's variables to subject, HTML (through MJML) and text; values are HTML-escaped. */
export async function renderEmail(template: TemplateToRender, context: TemplateContext, branding: EmailBranding): Promise<RenderedEmail> {
  const { content } = template;
  const data = dataOf(template, context, branding);
  const subject = compile(plain, content.subject)(data).replace(/\s+/g, ' ').trim(); // one header line, whatever the variables hold
  const document = compile(markup, MJML_LAYOUT)({ ...data, subject, content: compile(markup, content.body)(data) });
  const { html, errors } = await mjml2html(document, { validationLevel: 'soft', keepComments: false });
  if (errors.length && !html) throw new Error(`MJML: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  const text = compile(plain, TEXT_LAYOUT)({ ...data, content: compile(plain, content.text)(data) }).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  return { subject, html, text };
}

/** The MJML problems of a body rendered with `context` (empty when it is valid MJML), for the save check. */
export async function mjmlProblems(template: TemplateToRender, context: TemplateContext, branding: EmailBranding): Promise<string[]> {
  const data = dataOf(template, context, branding);
  const document = compile(markup, MJML_LAYOUT)({ ...data, subject: 's', content: compile(markup, template.content.body)(data) });
  const { errors } = await mjml2html(document, { validationLevel: 'soft' });
  return errors.map((e) => `${e.tagName ? `<${e.tagName}>: ` : ''}${e.message}`);
}

/** Branding when config sets none (the env defaults): tests and previews without an app. */
export const DEFAULT_BRANDING: EmailBranding = { companyName: 'Billing', color: '#2563eb' };

/** Renders the built-in version of a template (what version 1 of each language holds), e.g. for tests and docs. */
export function renderBuiltin(name: EmailTemplateName, context: TemplateContext, language: EmailLanguage = 'en', branding = DEFAULT_BRANDING): Promise<RenderedEmail> {
  const t = BUILTIN_EMAIL_TEMPLATES[name];
  return renderEmail({ name, audience: t.audience, language, content: t.content[language] }, context, branding);
}
