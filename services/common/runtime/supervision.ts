/**
 * The child's side of `up`'s supervision. `up` starts its children with an IPC channel; the channel closes
 * whenever `up` ends — Ctrl-C, a closed terminal, a crash or SIGKILL — and a child that sees it close stops
 * as on SIGTERM (draining what it does), so no child outlives `up`. Run on their own, the entry points have no
 * channel and none of this applies.
 */

/** What a child tells `up` once it is ready: facts for the progress line and the pids of processes it started. */
export interface ReadyReport {
  type: 'ready';
  detail: string;
  /** Processes this child started itself (e.g. the PostgreSQL server), recorded in `up`'s pid files. */
  pids?: Record<string, number>;
  [fact: string]: unknown;
}

/** Under `up`: turns the loss of the parent into a SIGTERM to this process (its graceful stop). */
export function stopWithParent(): void {
  if (!process.send || !process.channel) return;
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel must not keep a process alive that has nothing else to do.
  process.channel.unref();
}

/** Under `up`: reports readiness; a no-op when the process runs on its own. */
export function reportReady(report: Omit<ReadyReport, 'type'>): void {
  if (process.send && process.connected) process.send({ type: 'ready', ...report });
}
