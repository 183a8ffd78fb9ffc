import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { RunFailureType } from '../../domain/run-failures';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { EmailErrorType } from '../../providers/email/email-errors';
import { WebhookSendErrorType } from '../../providers/webhooks/webhook-errors';

// Error codes are compared through their unions (`BillingErrorType.NotFound`), never as string literals, so
// renaming or removing a code is a compile error everywhere it is used. This scan finds a code written as a
// literal where a code is expected: compared with a `.type`, a `case`, a `type:`/`providerType:` property
// of an expectation, or an argument of an error constructor or a Temporal failure.
const root = join(__dirname, '../..');
const FOLDERS = ['activities', 'bench', 'domain', 'providers', 'scripts', 'services', 'test', 'workflows'];
const DEFINITIONS = new Set(['domain/run-failures.ts', 'providers/billing/billing-errors.ts', 'providers/email/email-errors.ts', 'providers/webhooks/webhook-errors.ts']);
// Workflows are being rewritten onto domain/ (the run plan); they switch to RunFailureType with it. Each entry
// must still be needed (the test fails once the literal is gone, so the list cannot go stale).
const PENDING = new Map<string, string[]>();

const CODES = new Set<string>([...Object.values(BillingErrorType), ...Object.values(EmailErrorType), ...Object.values(WebhookSendErrorType), ...Object.values(RunFailureType)]);
const ERROR_CALLEES = /(Error|Failure|^runFailure)$/;
const CODE_PROPERTIES = new Set(['type', 'providerType']);
const EXPECTATIONS = new Set(['toMatchObject', 'toEqual', 'toStrictEqual', 'objectContaining']);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'histories' || e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const calleeName = (e: ts.LeftHandSideExpression): string =>
  ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';

/** Whether a string literal sits where an error code is expected. */
function inCodePosition(node: ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind)) {
    const other = parent.left === node ? parent.right : parent.left;
    return ts.isPropertyAccessExpression(other) && CODE_PROPERTIES.has(other.name.text);
  }
  if (ts.isCaseClause(parent)) return true;
  if ((ts.isNewExpression(parent) || ts.isCallExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
    return ERROR_CALLEES.test(calleeName(parent.expression)) || (ts.isPropertyAccessExpression(parent.expression) && calleeName(parent.expression.expression) === 'ApplicationFailure');
  }
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && CODE_PROPERTIES.has(parent.name.text)) {
    for (let n: ts.Node = parent.parent; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isCallExpression(n)) return EXPECTATIONS.has(calleeName(n.expression));
    }
  }
  return false;
}

/** `path:line 'literal'` for every error code written as a literal in a code position. */
function findLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && CODES.has(node.text) && inCodePosition(node)) {
      found.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('error codes', () => {
  it('are never written as string literals outside their unions', () => {
    const offenders: Record<string, string[]> = {};
    for (const file of FOLDERS.flatMap((f) => tsFiles(join(root, f)))) {
      const path = relative(root, file);
      if (DEFINITIONS.has(path)) continue;
      const literals = findLiterals(file);
      if (literals.length && JSON.stringify(literals) !== JSON.stringify(PENDING.get(path))) offenders[path] = literals;
    }
    expect(offenders).toEqual({});
  });

  it('has only exemptions that are still needed', () => {
    for (const [path, literals] of PENDING) expect(findLiterals(join(root, path))).toEqual(literals);
  });

  it('catches a literal code in each position it checks', () => {
    const file = join(root, 'test/unit/__literal-probe.ts');
    const probe = (code: string) => {
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
      const found: string[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteral(node) && CODES.has(node.text) && inCodePosition(node)) found.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    };
    expect(probe("if (err.type === 'unavailable') retry();")).toEqual(['unavailable']);
    expect(probe("switch (code) { case 'not_found': break; }")).toEqual(['not_found']);
    expect(probe("throw new BillingProviderError('gone', 'not_found', false);")).toEqual(['not_found']);
    expect(probe("throw ApplicationFailure.nonRetryable('no subject', 'MissingSubject');")).toEqual(['MissingSubject']);
    expect(probe("expect(err).toMatchObject({ type: 'invalid_email', retryable: false });")).toEqual(['invalid_email']);
    // Other vocabularies that share a word stay allowed: Stripe's own error payloads, a settled promise.
    expect(probe("stripeApiError(402, { error: { type: 'card_error' } }); if (r.status === 'rejected') throw r.reason;")).toEqual([]);
  });
});
