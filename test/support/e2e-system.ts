/**
 * One seeded system for an end-to-end test file: real processes on loopback (@jg/cluster) on a shared
 * virtual clock, with PGlite data folders on disk so that a stopped province restarts with its data,
 * filled with a demo population (@jg/population, which names the cast the tests act as).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { request, type ClientResult } from "@jg/client";
import { accessTokenFor, gatewayGraphQL, seedSystem, startSystem, tickShards, type GraphQLResponse, type Layout, type RunningSystem, type SeedSystemReport } from "@jg/cluster";
import type { Identity } from "@jg/identity";
import { generatePopulation, presets, type Population } from "@jg/population";
import { moveClock } from "./clock";

export interface E2eSystem {
  system: RunningSystem;
  population: Population;
  seeded: SeedSystemReport;
  /** The system's current virtual time (the services tick with real time between moves). */
  now(): Date;
  /** Moves every service's clock to `to` (see {@link moveClock}). */
  moveTo(to: Date): Promise<Date>;
  /** A GraphQL call through the gateway as `identity`, with a token signed at the virtual now. */
  as<T>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** A typed document of @jg/client through the gateway as `identity` (the shipped operations, typechecked). */
  run<TData, TVariables extends Record<string, unknown>>(identity: Identity, document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<ClientResult<TData>>;
  /** Runs every shard's sweeper and relay once at the virtual now. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** Provinces besides Chongqing. */
  provinces: string[];
  /** Virtual start instant (also the population's `now`). */
  start: Date;
  seed?: number;
  /** Shard hosts or a process per province; default `startSystem`'s (`LAYOUT`, else "host"), so `LAYOUT=process` runs a suite in the other layout. */
  layout?: Layout;
  /** Host layout: how many shard hosts share the provinces. */
  shardHosts?: number;
}

/** Starts, seeds and returns the system; the caller must `stop()` it (afterAll). */
export async function startE2eSystem(options: E2eOptions): Promise<E2eSystem> {
  const dataRoot = mkdtempSync(join(tmpdir(), "jg-e2e-"));
  let base = options.start.getTime();
  let movedAt = Date.now();
  const now = () => new Date(base + (Date.now() - movedAt));
  const population = generatePopulation(presets.demo({ seed: options.seed ?? 12123, now: options.start, provinces: ["50", ...options.provinces] }));
  const system = await startSystem({
    provinces: options.provinces,
    dataRoot,
    virtualClockStart: options.start.toISOString(),
    ...(process.env.E2E_LOG_DIR ? { logDir: process.env.E2E_LOG_DIR } : {}),
    env: { LOG_LEVEL: "warn" },
    startTimeoutMs: 180_000,
    ...(options.layout ? { layout: options.layout } : {}),
    ...(options.shardHosts ? { shardHosts: options.shardHosts } : {}),
  }).catch((err: unknown) => {
    rmSync(dataRoot, { recursive: true, force: true });
    throw err;
  });
  // The processes started later than the population's `now`: bring every clock back to one instant.
  base = (await moveClock(system, options.start)).getTime();
  movedAt = Date.now();
  const e2e: E2eSystem = {
    system,
    population,
    seeded: { platform: {}, violationsRecorded: 0, violationIds: {}, failures: [] },
    now,
    async moveTo(to) {
      const at = await moveClock(system, to);
      base = at.getTime();
      movedAt = Date.now();
      return at;
    },
    async as<T>(identity: Identity, query: string, variables: Record<string, unknown> = {}) {
      const token = await accessTokenFor(identity, system.keys, now());
      return gatewayGraphQL<T>(system.gatewayUrl, query, variables, { token });
    },
    async run(identity, document, variables) {
      const token = await accessTokenFor(identity, system.keys, now());
      return request(`${system.gatewayUrl}/graphql`, document, variables, { headers: { authorization: `Bearer ${token}` } });
    },
    tick: () => tickShards(system, now()),
    async stop() {
      await system.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
  try {
    e2e.seeded = await seedSystem(system, population, { clock: now });
    await e2e.tick();
  } catch (err) {
    await e2e.stop();
    throw err;
  }
  return e2e;
}

/** Polls `read` (ticking the shards between tries) until `done` holds; returns the last value read. */
export async function eventually<T>(e2e: E2eSystem, read: () => Promise<T>, done: (value: T) => boolean, tries = 20): Promise<T> {
  let value = await read();
  for (let i = 1; i < tries && !done(value); i++) {
    // A tick runs every shard's relay and sweeper at once: what it delivers is read right after it.
    await e2e.tick();
    value = await read();
    if (done(value)) break;
    // Only what runs on real time waits: the gateway's circuit cool-down, a restarted process's start.
    await new Promise((r) => setTimeout(r, 250));
  }
  return value;
}
