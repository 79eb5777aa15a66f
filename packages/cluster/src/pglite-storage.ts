/**
 * Where a run's PGlite databases keep their files when the caller names no data root (issue 12,
 * footprint). PGlite in memory holds every database's files (about 15–35 MB each) in the process's own
 * memory; in a data folder they are ordinary files, and what PostgreSQL reads of them again sits in the
 * kernel's page cache, not in the process (an empty shard process measured about 30 MB less RSS;
 * bench/README.md, "Footprint (issue 12)", run 7).
 *
 * `PGLITE_STORAGE` (default "disk"): "disk" puts the run's databases in a temporary folder,
 * `<tmpdir>/jg-pglite-h<host>-b<boot>-<launcher pid>-XXXXXX` (mode 0700), removed when the run stops, when
 * the launcher exits, and, should the launcher be killed before it could, by a later run's sweep on the
 * same host (its launcher gone, or an earlier boot); "memory" keeps them in memory. Either way nothing outlives the run: a persistent
 * run names its folder (`dataRoot`, `DATA_ROOT`). Left unset, "disk" is taken only when the temporary
 * folder's file system has room for the run ({@link DISK_BYTES_PER_DATABASE} per database); on a nearly
 * full disk the run keeps its databases in memory rather than failing to start.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
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

/**
 * Which machine and boot a run's folder belongs to: a hash of the host name and the kernel's boot ID
 * (`/proc/sys/kernel/random/boot_id`; "x" when it cannot be read). Two containers sharing /tmp under one
 * user have their own PID namespaces, so a pid in a folder's name says nothing to another container;
 * their host names tell them apart (docs/design.md §9).
 */
export interface RunHost {
  /** 12 hex digits of the SHA-256 of the host name. */
  readonly host: string;
  /** The boot ID's first 12 hex digits, or "x" when unknown. */
  readonly boot: string;
}

/** This process's {@link RunHost}. */
export function thisRunHost(): RunHost {
  let boot = "x";
  try {
    const id = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").replace(/[^0-9a-f]/gi, "").toLowerCase();
    if (id.length >= 12) boot = id.slice(0, 12);
  } catch {
    // not Linux, or /proc not mounted: the host name alone
  }
  return { host: createHash("sha256").update(hostname()).digest("hex").slice(0, 12), boot };
}

/** The name prefix of this run host's folders for launcher `pid`: `jg-pglite-h<host>-b<boot>-<pid>-`. */
function folderPrefix(self: RunHost, pid: number): string {
  return `${PREFIX}h${self.host}-b${self.boot}-${pid}-`;
}

const FOLDER = new RegExp(`^${PREFIX}h([0-9a-f]{12})-b([0-9a-f]{12}|x)-(\\d+)-`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, someone else's
  }
}

/**
 * Whether a folder named `name` is a stale run's, as far as this host can tell: of this host and boot
 * with its launcher (the pid in the name) no longer running, or of this host and an earlier boot (its
 * launcher ended with that boot). A folder of another host (another container sharing the folder) is
 * never judged here: its pid is another PID namespace's, and its age says nothing about a long run. So
 * is a folder without a host in its name (made before names carried one).
 */
function isStale(name: string, self: RunHost): boolean {
  const match = FOLDER.exec(name);
  if (!match || match[1] !== self.host) return false;
  const [boot, pid] = [match[2]!, Number(match[3])];
  if (boot !== self.boot) return boot !== "x" && self.boot !== "x";
  return !alive(pid);
}

/**
 * Removes the temporary data folders in `dir` of stale runs ({@link isStale}), of this user only; returns
 * their paths. A recycled pid keeps a folder until that process ends.
 */
export function sweepTemporaryDataRoots(dir: string = tmpdir(), self: RunHost = thisRunHost()): string[] {
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(PREFIX) || !isStale(name, self)) continue;
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
  const self = thisRunHost();
  sweepTemporaryDataRoots(dir, self);
  const path = mkdtempSync(join(dir, folderPrefix(self, process.pid)));
  const remove = () => {
    process.removeListener("exit", remove);
    rmSync(path, { recursive: true, force: true });
  };
  process.once("exit", remove);
  return { path, remove };
}
