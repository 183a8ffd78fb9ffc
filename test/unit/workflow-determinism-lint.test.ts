import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The flat config is passed in directly: ESLint loads config files with a dynamic import(), which Jest's
// CommonJS runtime does not support.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js');
const cwd = path.resolve(__dirname, '../..');
const eslint = () => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });

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
