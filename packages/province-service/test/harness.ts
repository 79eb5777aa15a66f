/**
 * Starts a shard for tests: a fake home platform and the shard on port 0, a VirtualClock, silent logs.
 * Intervals are off (sweeper and relay run only when a test asks), so nothing happens behind a test's back.
 */
import { type Identity } from "@jg/identity";
import { VirtualClock } from "@jg/service-kit";
import type { TestEngine } from "@jg/service-kit/testing";
import { pino } from "pino";
import { afterAll, beforeAll } from "vitest";
import { seedViolations } from "../src/seed";
import { createProvinceShard, type ProvinceShard } from "../src/shard";
import { type ProvinceShardConfigInput } from "../src/config";
import { startFakeHome, type FakeHome } from "./fake-home";
import { type Caller, type RecordInput } from "./flow";
import { DIRECTORY, EDGE, shardKeys } from "./keys";

/** 10:00 CST on a Tuesday: outside the maintenance window (R-MNT-1). */
/** A statement as its verb and the tables it names, in order (issue 12's statement budgets). */
export function statementShape(q: string): string {
  return [q.split(" ")[0], ...[...q.matchAll(/(?:from|into|update|join) "(\w+)"/g)].map((m) => m[1])].join(" ");
}

export const START = "2026-03-10T02:00:00.000Z";

export interface TestShard extends Caller {
  shard: ProvinceShard;
  home: FakeHome;
  clock: VirtualClock;
  config: ProvinceShardConfigInput;
  /** Stops the shard, runs `whileDown` (e.g. move the clock), starts it again on the same database. */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The shard of one suite on `engine`: started before its tests on a fresh database, closed (the database
 * dropped) after. The object is filled in when the suite starts: read it inside tests and hooks.
 */
export function shardForSuite(engine: TestEngine): TestShard {
  const t = {} as TestShard;
  beforeAll(async () => {
    const started = await startTestShard({ databaseUrl: await engine.create() });
    Object.defineProperties(t, Object.getOwnPropertyDescriptors(started));
  });
  afterAll(async () => {
    await t.close?.();
    await engine.cleanup();
  });
  return t;
}

/**
 * Seeds one violation of province 51 recorded an hour ago, each on a plate of its own (`渝<letter>00001`,
 * `渝<letter>00002`, …, so one suite's violations never share a vehicle); returns its ID.
 */
export function violationSeeder(t: TestShard, letter: string): (options?: { code?: string; source?: "CAMERA" | "ON_SITE" }) => Promise<string> {
  let n = 0;
  return async (options = {}) => {
    n += 1;
    const at = new Date(t.clock.now().getTime() - 3600_000);
    const [row] = await seedViolations(t.shard.db, "51", { count: 1, occurredAt: at, recordedAt: at, plate: () => `渝${letter}${String(n).padStart(5, "0")}`, ...options });
    return row!.id;
  };
}

export async function startTestShard(
  options: { provinceCode?: string; databaseUrl?: string | undefined; dataDir?: string; clock?: VirtualClock; config?: Partial<ProvinceShardConfigInput> } = {},
): Promise<TestShard> {
  const clock = options.clock ?? new VirtualClock(START);
  const home = await startFakeHome(DIRECTORY, clock);
  const config: ProvinceShardConfigInput = {
    provinceCode: options.provinceCode ?? "51",
    homePlatformUrl: home.url,
    keys: shardKeys(options.provinceCode ?? "51"),
    sweepIntervalMs: 0,
    relayIntervalMs: 0,
    logLevel: "silent",
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...options.config,
  };
  const logger = pino({ level: "silent" });
  const t = {
    shard: await createProvinceShard(config, { clock, logger }),
    home,
    clock,
    config,
    edge: EDGE,
    get url() {
      return t.shard.url;
    },
    async restart(whileDown?: () => void | Promise<void>) {
      await t.shard.close();
      await whileDown?.();
      t.shard = await createProvinceShard(config, { clock, logger });
    },
    async close() {
      await t.shard.close();
      await home.close();
    },
  };
  return t;
}

export const camera51: Identity = { kind: "CAMERA", systemId: "cam-chengdu-1", provinceCode: "51" };
export const officer51: Identity = { kind: "OFFICER", officerId: "officer-7", provinceCode: "51" };
export const citizen: Identity = { kind: "CITIZEN", accountId: "acct-1" };
export const otherCitizen: Identity = { kind: "CITIZEN", accountId: "acct-2" };
export const bank: Identity = { kind: "BANK", bankId: "psbc" };

let keys = 0;
/** A camera record of Sichuan, 1 hour before the clock's now, with a fresh source key. */
export function cameraRecord(clock: VirtualClock, overrides: Partial<RecordInput> = {}): RecordInput {
  keys += 1;
  return {
    province: "51",
    sourceRecordKey: `rec-${keys}-${Math.random().toString(36).slice(2, 8)}`,
    plate: "渝A12345",
    plateType: "02",
    code: "1116",
    occurredAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
    location: "成都市人民南路一段",
    source: "CAMERA",
    agencyAreaCode: "510100",
    ...overrides,
  };
}
