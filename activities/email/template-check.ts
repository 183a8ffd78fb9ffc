import Handlebars from 'handlebars';
import { variablesFor } from '../../domain/email-templates';
import type { EmailLanguage } from '../../domain/email-locale';
import { mjmlProblems, TEMPLATE_HELPERS, type EmailBranding } from './render-email';
import { sampleContext } from './template-samples';
import type { BuiltinEmailTemplate, EmailTemplateContent } from './templates';

/** One reason a template version is refused, addressed like an automation's (`content.body`). */
export interface TemplateProblem {
  path: string;
  message: string;
}

// Variables every template may use besides its trigger's: the layout's own.
const LAYOUT_VARIABLES = ['brand.company_name', 'brand.logo_url', 'brand.color', 'brand.footer', 'locale', 'audience'];

/** Every variable a template of this kind may use. */
export function templateVariables(template: Pick<BuiltinEmailTemplate, 'trigger' | 'extraVariables'>): string[] {
  return [...new Set([...variablesFor(template.trigger), ...(template.extraVariables ?? []), ...LAYOUT_VARIABLES])];
}

/**
 * Refuses what would break or mislead at send time: Handlebars syntax errors, unknown variables (a typo renders
 * as nothing, silently) and helpers, and MJML the renderer rejects; each problem names the field it is in.
 */
export async function checkTemplateContent(
  template: BuiltinEmailTemplate, language: EmailLanguage, content: EmailTemplateContent, branding: EmailBranding,
): Promise<TemplateProblem[]> {
  const variables = templateVariables(template);
  // A section (`{{#if invoice}}`) is as known as its fields.
  const known = new Set([...variables, ...variables.flatMap((v) => v.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.')))]);
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'body', 'text'] as const) {
    const path = `content.${field}`;
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(content[field]);
    } catch (err) {
      problems.push({ path, message: `syntax error: ${err instanceof Error ? err.message.replace(/\s+/g, ' ') : String(err)}` });
      continue;
    }
    for (const name of unknownNames(ast, known)) problems.push({ path, message: name });
  }
  if (problems.length) return problems;
  const rendered = { name: template.name, audience: template.audience, language, content };
  for (const message of await mjmlProblems(rendered, sampleContext(template), branding)) problems.push({ path: 'content.body', message: `MJML: ${message}` });
  return problems;
}

/** Messages for each unknown variable or helper in a parsed template (scoped blocks such as `each` are not entered). */
function unknownNames(program: hbs.AST.Program, known: Set<string>): string[] {
  const out: string[] = [];
  const variable = (p: hbs.AST.Expression) => {
    if (p.type !== 'PathExpression') return;
    const path = p as hbs.AST.PathExpression;
    if (path.data || path.original === 'this' || path.original.startsWith('this.') || path.original.startsWith('../')) return;
    const name = path.original.replace(/\.length$/, '');
    if (!known.has(name)) out.push(`unknown variable {{${path.original}}}; known: ${[...known].filter((k) => k.includes('.') || !k.match(/^(invoice|subscription|customer|automation|brand)$/)).sort().join(', ')}`);
  };
  const call = (node: { path: hbs.AST.PathExpression | hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }) => {
    const head = node.path as hbs.AST.PathExpression;
    const isHelper = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || TEMPLATE_HELPERS.includes(head.original);
    if (isHelper && !TEMPLATE_HELPERS.includes(head.original)) out.push(`unknown helper ${head.original}; known: ${TEMPLATE_HELPERS.join(', ')}`);
    if (!isHelper) variable(node.path);
    for (const param of node.params) {
      if (param.type === 'SubExpression') call(param as hbs.AST.SubExpression);
      else variable(param);
    }
  };
  const walk = (p: hbs.AST.Program | undefined) => {
    for (const node of p?.body ?? []) {
      if (node.type === 'MustacheStatement') call(node as hbs.AST.MustacheStatement);
      if (node.type === 'BlockStatement') {
        const block = node as hbs.AST.BlockStatement;
        call(block);
        // `each` and `with` change what a bare name means: their insides are not checked against the root.
        if (!['each', 'with'].includes((block.path as hbs.AST.PathExpression).original)) walk(block.program);
        walk(block.inverse);
      }
      if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') out.push('partials are not supported');
    }
  };
  walk(program);
  return [...new Set(out)];
}
