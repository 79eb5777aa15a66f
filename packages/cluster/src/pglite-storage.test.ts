import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultPgliteStorage, DISK_BYTES_PER_DATABASE, pgliteStorageFor, sweepTemporaryDataRoots, temporaryDataRoot, thisRunHost, type RunHost } from "./pglite-storage";

describe("PGlite storage of a run (issue 12: footprint)", () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), "jg-storage-test-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("defaults to disk, takes memory, and refuses anything else", () => {
    expect(defaultPgliteStorage({})).toBe("disk");
    expect(defaultPgliteStorage({ PGLITE_STORAGE: "memory" })).toBe("memory");
    expect(() => defaultPgliteStorage({ PGLITE_STORAGE: "ram" })).toThrow(/PGLITE_STORAGE must be "disk" or "memory", got "ram"/);
  });

  it("left unset, puts a run on disk only when the disk has room for its databases; an explicit choice stands", () => {
    const dir = scratch();
    const { bavail, bsize } = statfsSync(dir);
    const fits = Math.floor((bavail * bsize) / DISK_BYTES_PER_DATABASE);
    expect(fits).toBeGreaterThan(2); // the test machine has room for a few databases
    expect(pgliteStorageFor(2, {}, dir)).toBe("disk");
    expect(pgliteStorageFor(fits + 1, {}, dir)).toBe("memory");
    expect(pgliteStorageFor(fits + 1, { PGLITE_STORAGE: "disk" }, dir)).toBe("disk");
    expect(pgliteStorageFor(2, { PGLITE_STORAGE: "memory" }, dir)).toBe("memory");
  });

  it("makes a private temporary folder named after this host, boot and launcher, and removes it (twice is harmless)", () => {
    const dir = scratch();
    const self = thisRunHost();
    expect(self.host).toMatch(/^[0-9a-f]{12}$/);
    expect(self.boot).toMatch(/^([0-9a-f]{12}|x)$/);
    const root = temporaryDataRoot(dir);
    expect(root.path.startsWith(join(dir, `jg-pglite-h${self.host}-b${self.boot}-${process.pid}-`))).toBe(true);
    writeFileSync(join(root.path, "PG_VERSION"), "17");
    root.remove();
    root.remove();
    expect(existsSync(root.path)).toBe(false);
  });

  it("sweeps this host's folders whose launcher is gone or whose boot ended; keeps a running launcher's, another host's and other names", () => {
    const dir = scratch();
    const self: RunHost = { host: "0123456789ab", boot: "0123456789cd" };
    const dead = 2147483646; // above any pid_max: no such process
    const here = (boot: string, pid: number, tag: string) => join(dir, `jg-pglite-h${self.host}-b${boot}-${pid}-${tag}`);
    const gone = here(self.boot, dead, "abc123");
    const earlierBoot = here("fedcba987654", process.pid, "abc124"); // its launcher ended with that boot
    const mine = here(self.boot, process.pid, "def456");
    // Another container sharing the folder: its pid is another PID namespace's, dead here or not.
    const otherHost = join(dir, `jg-pglite-hba9876543210-b${self.boot}-${dead}-ghi789`);
    const unknownBoot = here("x", dead, "jkl012");
    const legacy = join(dir, `jg-pglite-${dead}-mno345`);
    const other = join(dir, "jg-pglite-x-pqr678");
    const all = [gone, earlierBoot, mine, otherHost, unknownBoot, legacy, other];
    for (const d of all) mkdirSync(join(d, "province-51"), { recursive: true });
    expect(sweepTemporaryDataRoots(dir, self).sort()).toEqual([earlierBoot, gone].sort());
    expect(all.map((d) => existsSync(d))).toEqual([false, false, true, true, true, true, true]);
  });
});
