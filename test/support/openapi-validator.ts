import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Validates an OpenAPI document with @seriousme/openapi-schema-validator (ESM only, so in a child Node process). */
export function validateOpenApi(document: unknown): { valid: boolean; errors?: unknown } {
  const script = `import { Validator } from '@seriousme/openapi-schema-validator';
    let text = ''; for await (const chunk of process.stdin) text += chunk;
    console.log(JSON.stringify(await new Validator().validate(JSON.parse(text))));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    input: JSON.stringify(document), cwd: path.resolve(__dirname, '../..'), encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout);
}
