import { ConfigError } from '../config/app.config';
import { StartupError } from './startup-error';
import { stopWithParent } from './supervision';

/** Errors whose message is the whole story: printed as one line, no stack trace. */
const expected = [ConfigError, StartupError];

/** Runs a process entry point; a known start-up failure prints one clear line and exits 1. */
export function runMain(name: string, main: () => Promise<unknown>): void {
  stopWithParent();
  main().catch((error: unknown) => {
    process.stderr.write(`${name}: ${describeFailure(error)}\n`);
    process.exit(1);
  });
}

/** A failure as the operator should read it: a known start-up failure's one line, anything else with its stack. */
export function describeFailure(error: unknown): string {
  const known = expected.some((type) => error instanceof type) || isAddressInUse(error);
  const message = error instanceof Error ? error.message : String(error);
  return known ? message : ((error as Error)?.stack ?? message);
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
