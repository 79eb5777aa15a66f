/**
 * VACUUM for the embedded databases (issue 12, long runs). On a PostgreSQL server autovacuum removes the
 * row versions that updates and deletes leave behind, and their index entries; PGlite runs PostgreSQL as
 * one single-user backend, with no autovacuum launcher, so nothing ever does: every dead version and its
 * index entries stay. Statements that scan an index by a condition the dead versions still match then
 * visit them all — the outbox's claim (a bitmap scan of `outbox_pending_idx`, where every delivered row
 * leaves an entry with `delivered_at` null) cost 0.6 ms of CPU on a fresh outbox and 6.9 ms after 20 000
 * messages, growing linearly, while the same run with a VACUUM every 500 messages kept it at ≈ 0.5 ms for
 * ≈ 10 ms of CPU a VACUUM (bench/README.md, "Issue 12, ninth session"). A 7-province load sends that many
 * messages through each database in about a quarter of an hour.
 *
 * So each PGlite database of a service is vacuumed on a timer: every `PGLITE_VACUUM_SECONDS` (default 30;
 * 0 turns it off) when it ran at least `PGLITE_VACUUM_STATEMENTS` statements (default 1 000) since its last
 * VACUUM, so an idle database (its relay's polls alone) is vacuumed about once in half an hour, not twice a
 * minute. A plain `VACUUM` of the whole database: pages and indexes cleaned, the visibility map and the
 * planner's row counts (`reltuples`) brought up to date; no ANALYZE (the services' statements run on
 * generic plans, docs/design.md §6). It takes PGlite's transaction and query mutexes like any statement,
 * so it runs between transactions, never inside one; requests wait while it runs. A failure is reported
 * and the next tick tries again.
 */

/** When the embedded databases are vacuumed (see the file's comment). */
export interface VacuumSettings {
  /** Wall-clock ms between checks; 0: never vacuum. */
  intervalMs: number;
  /** Statements a database must have run since its last VACUUM for the next check to vacuum it. */
  minStatements: number;
}

const DEFAULT_SECONDS = 30;
const DEFAULT_STATEMENTS = 1000;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `PGLITE_VACUUM_SECONDS` (0: off) and `PGLITE_VACUUM_STATEMENTS`; anything but a whole number stops the start. */
export function pgliteVacuumSettings(env: NodeJS.ProcessEnv = process.env): VacuumSettings {
  return { intervalMs: wholeNumber(env, "PGLITE_VACUUM_SECONDS", DEFAULT_SECONDS) * 1000, minStatements: wholeNumber(env, "PGLITE_VACUUM_STATEMENTS", DEFAULT_STATEMENTS) };
}

export interface VacuumSchedule {
  /** VACUUMs completed so far. */
  readonly runs: number;
  /** No more checks; resolves once a VACUUM under way has ended. */
  stop(): Promise<void>;
}

export interface VacuumTarget {
  /** Runs the VACUUM (PGlite's `exec("VACUUM")`). */
  vacuum(): Promise<unknown>;
  /** Statements the database has run so far; without it every check vacuums. */
  statements?: (() => number) | undefined;
  /** A VACUUM that failed (logged by the caller); the next check tries again. */
  onError?: ((err: unknown) => void) | undefined;
}

/** Checks every `settings.intervalMs` and vacuums when due (see the file's comment); never two at once. The timer keeps no process alive. */
export function scheduleVacuum(target: VacuumTarget, settings: VacuumSettings): VacuumSchedule {
  let runs = 0;
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastCount = target.statements?.() ?? 0;
  const check = () => {
    if (stopped || running) return;
    const count = target.statements?.();
    if (count !== undefined && count - lastCount < settings.minStatements) return;
    running = target
      .vacuum()
      .then(() => {
        runs += 1;
        if (count !== undefined) lastCount = count;
      })
      .catch((err: unknown) => target.onError?.(err))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = settings.intervalMs > 0 ? setInterval(check, settings.intervalMs) : undefined;
  timer?.unref();
  return {
    get runs() {
      return runs;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
