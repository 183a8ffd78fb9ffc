/**
 * Container healthcheck: `node http-check-main.js URL` exits 0 when URL answers 2xx within 4 s, 1 otherwise.
 * The image has no curl; this keeps the check to the Node binary already there.
 */
const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: http-check-main.js URL\n');
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(4_000) }).then(
  (response) => {
    if (!response.ok) process.stderr.write(`${url}: HTTP ${response.status}\n`);
    process.exit(response.ok ? 0 : 1);
  },
  (error: unknown) => {
    process.stderr.write(`${url}: ${String(error)}\n`);
    process.exit(1);
  },
);
