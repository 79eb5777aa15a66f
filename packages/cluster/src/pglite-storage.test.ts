import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultPgliteStorage, DISK_BYTES_PER_DATABASE, pgliteStorageFor, sweepTemporaryDataRoots, temporaryDataRoot } from "./pglite-storage";

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

  it("makes a private temporary folder named after the launcher and removes it (twice is harmless)", () => {
    const dir = scratch();
    const root = temporaryDataRoot(dir);
    expect(root.path.startsWith(join(dir, `jg-pglite-${process.pid}-`))).toBe(true);
    writeFileSync(join(root.path, "PG_VERSION"), "17");
    root.remove();
    root.remove();
    expect(existsSync(root.path)).toBe(false);
  });

  it("sweeps the folders of launchers that are gone, and keeps a running launcher's and other names", () => {
    const dir = scratch();
    const gone = join(dir, "jg-pglite-2147483646-abc123"); // above any pid_max: no such process
    const mine = join(dir, `jg-pglite-${process.pid}-def456`);
    const other = join(dir, "jg-pglite-x-ghi789");
    for (const d of [gone, mine, other]) mkdirSync(join(d, "province-51"), { recursive: true });
    expect(sweepTemporaryDataRoots(dir)).toEqual([gone]);
    expect([existsSync(gone), existsSync(mine), existsSync(other)]).toEqual([false, true, true]);
  });
});
