import { ConfigError } from '../config/app.config';
import { PortInUseError } from './ports';

/** Errors whose message is the whole story: printed as one line, no stack trace. */
const expected = [ConfigError, PortInUseError];

/** Runs a process entry point; a known start-up failure prints one clear line and exits 1. */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    const known = expected.some((type) => error instanceof type) || isAddressInUse(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${name}: ${known ? message : (error as Error)?.stack ?? message}\n`);
    process.exit(1);
  });
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}
