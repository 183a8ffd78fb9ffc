import { AdminApiError } from './admin-client';

/** A wrong command line: its message (with the usage) is the whole story. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Runs a CLI entry point: known failures print one line (no stack trace) and exit 1. */
export function runCli(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      const known = error instanceof AdminApiError || error instanceof UsageError;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${known ? message : (error as Error)?.stack ?? message}\n`);
      process.exit(1);
    },
  );
}

/** Splits `argv` into positional arguments and `--flag [value]` options (a flag without a value is `true`). */
export function parseArgs(argv: readonly string[], valued: readonly string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (arg.includes('=')) flags[arg.slice(2, arg.indexOf('='))] = arg.slice(arg.indexOf('=') + 1);
    else if (valued.includes(arg.slice(2))) {
      if (argv[i + 1] === undefined) throw new UsageError(`${arg} needs a value`);
      flags[arg.slice(2)] = argv[++i];
    } else flags[arg.slice(2)] = true;
  }
  return { positional, flags };
}

/** A `--name <seconds>` flag in milliseconds, or the default. */
export function secondsFlag(flags: Record<string, string | true>, name: string, fallbackMs: number): number {
  const value = flags[name];
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (value === true || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--${name} takes a number of seconds`);
  return seconds * 1_000;
}
