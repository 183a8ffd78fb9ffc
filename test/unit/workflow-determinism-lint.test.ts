import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

// The flat config is passed in directly: ESLint loads config files with a dynamic import(), which Jest's
// CommonJS runtime does not support.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js');
const cwd = path.resolve(__dirname, '../..');
// Without type information: the probes below are not files of the TypeScript project (the type-aware rule
// has its own test, on a file that is).
const untyped = { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off' } };
const eslint = () => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...config, untyped] });
const errorsOf = async (code: string, file: string) => {
  const [result] = await eslint().lintText(code, { filePath: path.join(cwd, file) });
  // One entry per line: an import may break two rules of the same list (an I/O package and the SDK).
  return [...new Set(result.messages.filter((m) => m.severity === 2).map((m) => `${m.line} ${m.ruleId}`))];
};

it('finds no Date.now, Math.random, process.env or I/O imports in workflows/ and domain/', async () => {
  // lintText per file: lintFiles() dynamically imports, which Jest's CommonJS runtime refuses.
  const files = ['workflows', 'domain'].flatMap((dir) => fs.readdirSync(path.join(cwd, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts')).map((f) => path.join(cwd, dir, f)));
  const linter = eslint();
  const results = (await Promise.all(files.map((f) => linter.lintText(fs.readFileSync(f, 'utf8'), { filePath: f })))).flat();
  const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(cwd, r.filePath)}:${m.line} ${m.message}`));
  expect(errors).toEqual([]);
  expect(results.map((r) => path.relative(cwd, r.filePath))).toContain('workflows/automation-run.workflow.ts');
}, 30_000);

it('fires on a workflow that reads the clock, randomness, the environment or does I/O', async () => {
  const bad = [
    "import * as fs from 'fs';",
    "import { readFile } from 'node:fs/promises';",
    "import { Client } from '@temporalio/client';",
    "import Stripe from 'stripe';",
    "import { createActivities } from '../activities';",
    'export const a = Date.now();',
    'export const b = new Date();',
    'export const c = Math.random();',
    'export const d = process.env.DAY_DURATION;',
    'export const e = [fs, readFile, Client, Stripe, createActivities];',
  ].join('\n');
  const [result] = await eslint().lintText(bad, { filePath: path.join(cwd, 'workflows/bad-sample.workflow.ts') });
  const lines = [...new Set(result.messages.filter((m) => m.severity === 2).map((m) => m.line))];
  expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const [domain] = await eslint().lintText('export const now = () => Date.now();', { filePath: path.join(cwd, 'domain/bad-sample.ts') });
  expect(domain.messages.map((m) => m.ruleId)).toEqual(['no-restricted-syntax']);
}, 30_000);

it('allows type-only imports of activities, and @temporalio/common, in workflows', async () => {
  const ok = [
    "import type { Activities } from '../activities';",
    "import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';",
    'export type A = Activities;',
    "export const k = defineSearchAttributeKey('X', SearchAttributeType.KEYWORD);",
  ].join('\n') + '\n';
  const [result] = await eslint().lintText(ok, { filePath: path.join(cwd, 'workflows/good-sample.workflow.ts') });
  expect(result.messages).toEqual([]);
}, 30_000);

describe('import boundaries', () => {
  it('keeps domain/ free of I/O, Temporal, NestJS and the rest of the code base', async () => {
    const bad = [
      "import { readFile } from 'node:fs/promises';",
      "import { Client } from '@temporalio/client';",
      "import { proxyActivities } from '@temporalio/workflow';",
      "import { Injectable } from '@nestjs/common';",
      "import { DataSource } from 'typeorm';",
      "import { appConfig } from '../services/common/config/app.config';",
      "import type { BillingProvider } from '../providers/billing/billing-provider';",
      "import { createActivities } from '../activities';",
      "import { automationRun } from '../workflows';",
      'export const all = [readFile, Client, proxyActivities, Injectable, DataSource, appConfig, createActivities, automationRun];',
      'export type P = BillingProvider;',
    ].join('\n');
    expect(await errorsOf(bad, 'domain/bad-sample.ts')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((l) => `${l} @typescript-eslint/no-restricted-imports`));
    expect(await errorsOf("import { RUN_STATUSES } from './statuses';\nexport const s = RUN_STATUSES;\n", 'domain/good-sample.ts')).toEqual([]);
  });

  it('keeps workflows/ off implementations and Node built-ins', async () => {
    const bad = [
      "import { StripeBillingProvider } from '../providers/billing/stripe/stripe-billing.provider';",
      "import { recordEvent } from '../services/common/events/record-event';",
      "import { createActivities } from '../activities';",
      "import { EventEmitter } from 'node:events';",
      "import { fakeActivities } from '../testkit/fake-activities';",
      'export const all = [StripeBillingProvider, recordEvent, createActivities, EventEmitter, fakeActivities];',
    ].join('\n');
    expect(await errorsOf(bad, 'workflows/bad-sample.workflow.ts')).toEqual([1, 2, 3, 4, 5].map((l) => `${l} @typescript-eslint/no-restricted-imports`));
  });

  it('keeps activities/ and providers/ off the gateway', async () => {
    const bad = "import { SandboxService } from '../services/gateway/sandbox/sandbox.service';\nexport const s = SandboxService;\n";
    expect(await errorsOf(bad, 'activities/bad-sample.ts')).toEqual(['1 @typescript-eslint/no-restricted-imports']);
    expect(await errorsOf(bad.replace('../services', '../../services'), 'providers/billing/bad-sample.ts')).toEqual(['1 @typescript-eslint/no-restricted-imports']);
    // The shared parts of services/ stay allowed (the sandbox ledger writes its events through record-event).
    const ok = "import { recordEvent } from '../../services/common/events/record-event';\nexport const r = recordEvent;\n";
    expect(await errorsOf(ok, 'providers/billing/good-sample.ts')).toEqual([]);
  });

  it('keeps bench/ and testkit/ off test/ and Jest globals', async () => {
    const bad = "import { inMemoryDeps } from '../test/support/in-memory-ports';\nexport const b = inMemoryDeps;\nexport const f = jest.fn();\n";
    expect(await errorsOf(bad, 'bench/bad-sample.ts')).toEqual(['1 @typescript-eslint/no-restricted-imports', '3 no-restricted-globals']);
    expect(await errorsOf(bad, 'testkit/bad-sample.ts')).toEqual(['1 @typescript-eslint/no-restricted-imports', '3 no-restricted-globals']);
    expect(await errorsOf("import { recipe1 } from '../testkit/automation-fixtures';\nexport const r = recipe1;\n", 'bench/good-sample.ts')).toEqual([]);
  });

  it('keeps controllers and resolvers off providers, which services may use', async () => {
    const bad = "import { BillingProviderError } from '../../../providers/billing/billing-provider';\nexport const e = BillingProviderError;\n";
    expect(await errorsOf(bad, 'services/gateway/runs/bad-sample.controller.ts')).toEqual(['1 @typescript-eslint/no-restricted-imports']);
    expect(await errorsOf(bad, 'services/gateway/runs/bad-sample.resolver.ts')).toEqual(['1 @typescript-eslint/no-restricted-imports']);
    expect(await errorsOf(bad, 'services/gateway/runs/good-sample.service.ts')).toEqual([]);
  });
});

it('reports a floating promise (type-aware)', async () => {
  // A one-file program (the whole project's would take a minute to build on a busy machine).
  const file = path.join(cwd, 'activities/floating-sample.ts');
  const code = "const later = async () => 1;\nexport function f(): void {\n  later();\n  void later();\n}\n";
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [], strict: true, noEmit: true };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, target, ...rest) => (name === file ? ts.createSourceFile(name, code, target) : getSourceFile(name, target, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const typed = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...config, {
    files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false, programs: [program] } },
  }] });
  const [result] = await typed.lintText(code, { filePath: file });
  expect(result.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(['3 @typescript-eslint/no-floating-promises']);
});
