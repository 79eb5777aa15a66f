/**
 * Where a run's PGlite databases keep their files when the caller names no data root (issue 12,
 * footprint). PGlite in memory holds every database's files (about 15–35 MB each) in the process's own
 * memory; in a data folder they are ordinary files, and what PostgreSQL reads of them again sits in the
 * kernel's page cache, not in the process (an empty shard process measured about 30 MB less RSS;
 * bench/README.md, "Footprint (issue 12)", run 7).
 *
 * `PGLITE_STORAGE` (default "disk"): "disk" puts the run's databases in a temporary folder,
 * `<tmpdir>/jg-pglite-<launcher pid>-XXXXXX` (mode 0700), removed when the run stops, when the launcher
 * exits, and, should the launcher be killed before it could, by the next run's sweep of folders whose
 * launcher is gone; "memory" keeps them in memory. Either way nothing outlives the run: a persistent
 * run names its folder (`dataRoot`, `DATA_ROOT`). Left unset, "disk" is taken only when the temporary
 * folder's file system has room for the run ({@link DISK_BYTES_PER_DATABASE} per database); on a nearly
 * full disk the run keeps its databases in memory rather than failing to start.
 */
import { mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type PgliteStorage = "disk" | "memory";

/** `PGLITE_STORAGE`: "disk" (the default) or "memory"; anything else stops the start. */
export function defaultPgliteStorage(env: NodeJS.ProcessEnv = process.env): PgliteStorage {
  const value = env["PGLITE_STORAGE"];
  if (value === undefined || value === "") return "disk";
  if (value === "disk" || value === "memory") return value;
  throw new Error(`PGLITE_STORAGE must be "disk" or "memory", got ${JSON.stringify(value)}`);
}

/**
 * Room a run wants per PGlite database before it puts them on disk: an empty one holds 15–35 MB of files,
 * and its write-ahead log grows in 16 MB segments up to `min_wal_size` (80 MB) before it recycles them.
 */
export const DISK_BYTES_PER_DATABASE = 128 * 1024 * 1024;

/**
 * The storage of a run of `databases` PGlite databases: `PGLITE_STORAGE` when set; left unset, "disk" when
 * `dir`'s file system has {@link DISK_BYTES_PER_DATABASE} free per database, else "memory".
 */
export function pgliteStorageFor(databases: number, env: NodeJS.ProcessEnv = process.env, dir: string = tmpdir()): PgliteStorage {
  const chosen = defaultPgliteStorage(env);
  if (env["PGLITE_STORAGE"]) return chosen; // an explicit choice stands
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize >= databases * DISK_BYTES_PER_DATABASE ? "disk" : "memory";
}

const PREFIX = "jg-pglite-";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, someone else's
  }
}

/**
 * Removes the temporary data folders in `dir` whose launcher (the pid in the name) is no longer
 * running, of this user only; returns their paths. A recycled pid keeps a folder until that process ends.
 */
export function sweepTemporaryDataRoots(dir: string = tmpdir()): string[] {
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (!pid || alive(Number(pid))) continue;
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/** A temporary data root for this run (see the header): its path and its removal (idempotent). */
export function temporaryDataRoot(dir: string = tmpdir()): { path: string; remove(): void } {
  sweepTemporaryDataRoots(dir);
  const path = mkdtempSync(join(dir, `${PREFIX}${process.pid}-`));
  const remove = () => {
    process.removeListener("exit", remove);
    rmSync(path, { recursive: true, force: true });
  };
  process.once("exit", remove);
  return { path, remove };
}
