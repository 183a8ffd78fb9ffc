#!/usr/bin/env node
// Searches the output of a whole test run (`make test` tees it into reports/test-output.log) for every credential
// the tests used (testkit/test-secrets.ts appends each to reports/test-secrets.txt): no admin key, webhook
// secret, signature or cookie may appear in any line, the gateway's request logs included.
//   node scripts/check-log-secrets.mjs LOG SECRETS [--min-secrets N] [--min-request-lines N]
// The minimums make a vacuous pass fail: a full run records dozens of secrets and logs hundreds of requests.
import { existsSync, readFileSync } from 'node:fs';

const [logPath, secretsPath, ...options] = process.argv.slice(2);
const option = (name) => Number(options[options.indexOf(name) + 1] ?? 0) * Number(options.includes(name));
const minSecrets = option('--min-secrets');
const minRequestLines = option('--min-request-lines');

const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const secrets = [...new Set(read(secretsPath).split('\n').filter(Boolean))];
const lines = read(logPath).split('\n');
// A gateway request log line (pino-http) carries the request object.
const requestLines = lines.filter((line) => line.includes('"req":{')).length;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = secrets.length ? new RegExp(secrets.map(escape).join('|'), 'g') : undefined;

const leaks = [];
lines.forEach((line, i) => {
  for (const [found] of pattern ? line.matchAll(pattern) : []) {
    // Only the secret's name is printed, never the secret: this output is a log too.
    leaks.push(`line ${i + 1}: the test secret ${found.replace(/-[0-9a-f]{24}$/, '-…')}`);
  }
});

const summary = `${lines.length} lines (${requestLines} gateway request lines) searched for ${secrets.length} test secrets`;
const problems = [
  ...leaks,
  ...(secrets.length < minSecrets ? [`only ${secrets.length} test secrets were recorded (at least ${minSecrets} expected): is TEST_SECRETS_FILE set?`] : []),
  ...(requestLines < minRequestLines ? [`only ${requestLines} gateway request lines in the log (at least ${minRequestLines} expected): are the logs captured?`] : []),
];
if (problems.length) {
  console.error(`log secrets: ${summary}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`log secrets: ${summary}: none found`);
