import * as fs from 'node:fs';

/** Stops what the global setup started and removes its temp dir. */
export default async function globalTeardown(): Promise<void> {
  const infrastructure = globalThis.__testInfrastructure;
  if (!infrastructure) return;
  globalThis.__testInfrastructure = undefined;
  await infrastructure.temporal?.stop();
  await infrastructure.postgres?.stop();
  fs.rmSync(infrastructure.dir, { recursive: true, force: true });
}
