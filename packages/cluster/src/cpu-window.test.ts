/**
 * The load's CPU meter: the measuring process's own reading is not its work; on PostgreSQL (`--postgres`)
 * the server's backends serving the run's databases count, others do not (needs TEST_DATABASE_URL, the
 * server on this machine, as a run's is).
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpuWindow, postgresCpuWindow, systemCpuWindow } from "./cpu-window";

describe("cpuWindow", () => {
  it("reads the measuring process last at the start and first at the end, so reading the others is not its own work", () => {
    const order: number[] = [];
    // Each read of another process costs the measuring process (pid 1) 1 ms of CPU.
    const cpu = new Map([
      [1, 100],
      [2, 50],
      [3, 70],
    ]);
    const read = (pid: number) => {
      order.push(pid);
      const ms = cpu.get(pid)!;
      if (pid !== 1) cpu.set(1, cpu.get(1)! + 1);
      return ms;
    };
    const stop = cpuWindow(
      new Map([
        ["simulator", 1],
        ["gateway", 2],
        ["chongqing", 3],
      ]),
      read,
      1,
    );
    cpu.set(1, cpu.get(1)! + 5);
    cpu.set(2, cpu.get(2)! + 7);
    const used = stop();
    expect(order).toEqual([2, 3, 1, 1, 2, 3]);
    expect(used).toEqual({ simulator: 5, gateway: 7, chongqing: 0 });
  });
});

/** A run whose service processes are `processes` (name → pid, undefined for one not running). */
const systemOf = (processes: Record<string, number | undefined>, databases: string[] = []) =>
  ({ processes: new Map(Object.entries(processes).map(([name, pid]) => [name, { pid }])), databases }) as unknown as Parameters<typeof systemCpuWindow>[0];

/** Spends about `ms` of this process's CPU. */
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe("systemCpuWindow", () => {
  it("measures the extra processes and every running service process, by name", async () => {
    const stop = await systemCpuWindow(systemOf({ gateway: process.pid, stopped: undefined }), { extra: new Map([["simulator", process.pid]]) });
    spin(30);
    const ms = await stop();
    expect(Object.keys(ms)).toEqual(["simulator", "gateway"]);
    expect(ms["gateway"]).toBeGreaterThan(0);
  });

  it("counts a service restarted meanwhile through its new process, not 0 (review 1, F2), and not through its old pid (another process's by then)", async () => {
    const system = systemOf({ "shard-host-1": 10, gateway: 20, late: undefined });
    const cpu = new Map([
      [10, 100],
      [20, 50],
    ]);
    const read = (pid: number) => cpu.get(pid) ?? 0;
    const stop = await systemCpuWindow(system, { read });
    // shard-host-1 (pid 10) exits, its pid goes to another process; ManagedProcess restarts it as pid 11.
    cpu.set(10, 9_000);
    cpu.set(11, 40);
    cpu.set(20, 57);
    cpu.set(30, 12);
    const processes = system.processes as unknown as Map<string, { pid: number | undefined }>;
    processes.set("shard-host-1", { pid: 11 });
    processes.set("late", { pid: 30 }); // not running at the start
    expect(await stop()).toEqual({ "shard-host-1": 40, gateway: 7, late: 12 });
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("postgresCpuWindow (TEST_DATABASE_URL)", () => {
  const runDb = `jg_cpu_${randomUUID().slice(0, 8)}`;
  const otherDb = `jg_cpu_other_${randomUUID().slice(0, 8)}`;
  let admin: postgres.Sql;
  let run: postgres.Sql;
  let other: postgres.Sql;
  const busy = (sql: postgres.Sql) => sql`select count(*) from generate_series(1, 3000000)`;

  beforeAll(async () => {
    admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${runDb}`);
    await admin.unsafe(`create database ${otherDb}`);
    const url = (db: string) => Object.assign(new URL(adminUrl!), { pathname: `/${db}` }).toString();
    run = postgres(url(runDb), { max: 1 });
    other = postgres(url(otherDb), { max: 1 });
    await run`select 1`;
    await other`select 1`;
  });
  afterAll(async () => {
    await run?.end();
    await other?.end();
    await admin?.unsafe(`drop database if exists ${runDb}`);
    await admin?.unsafe(`drop database if exists ${otherDb}`);
    await admin?.end();
  });

  it("counts the CPU of the run's backends", async () => {
    const stop = await postgresCpuWindow(admin, [runDb]);
    await busy(run);
    expect(await stop()).toBeGreaterThan(20);
  });

  it("counts the run's backends as postgresql in a system's window", async () => {
    const stop = await systemCpuWindow(systemOf({}, [runDb]), { pg: admin });
    await busy(run);
    expect((await stop())["postgresql"]).toBeGreaterThan(20);
  });

  it("leaves out the backends of other databases", async () => {
    const stop = await postgresCpuWindow(admin, [runDb]);
    await busy(other);
    expect(await stop()).toBeLessThan(20);
  });
});
