/**
 * A simulation: the whole system (@jg/cluster) on a shared virtual clock, seeded with a reproducible
 * population (@jg/population), with the moves scenarios make — clock moves, citizens' GraphQL calls
 * through the gateway, shard ticks until the handoff settles, faults (stop, start, kill a province,
 * restart the home platform, slow a province, lose handoff messages) — and what a report needs:
 * audits, invariants, latencies, error codes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accessTokenFor, gatewayGraphQL, internalPost, seedSystem, startSystem, type GraphQLResponse, type Layout, type RunningSystem, type SeedSystemReport } from "@jg/cluster";
import type { Identity } from "@jg/identity";
import type { PolicyPeriodInput } from "@jg/chongqing/config";
import { generatePopulation, presets, type Population } from "@jg/population";
import { FAULTS_PATH, type FaultSettings, type FaultState } from "@jg/province-service/faults";
import { scoringCycle } from "@jg/rules";
import type { AuditSnapshot } from "./audit-types";
import { fetchAudit } from "./audit";
import { setClocks } from "./clock";
import type { InvariantResult } from "./invariant-result";
import { checkInvariants } from "./invariants";
import type { CallRecord, SimEvent } from "./sim-events";
import { Counter, distribution, type Distribution } from "./stats";

/** One period of Chongqing's policy table, as its `POLICY_PERIODS` setting takes it (its own schema's type). */
export type PolicyPeriod = PolicyPeriodInput;

export interface SimulationOptions {
  /** Province codes besides Chongqing (50), e.g. ["51", "52"]. */
  provinces: string[];
  /** Population seed; default 12123. */
  seed?: number;
  /** Virtual start instant (ISO); default 2026-03-10T02:00:00Z, 10:00 CST on a Tuesday. */
  start?: string;
  /** One PostgreSQL database per service on this server instead of PGlite; default PGlite. */
  postgresAdminUrl?: string;
  /** PGlite data folders (kept across restarts); default a temporary folder removed by stop(). */
  dataRoot?: string;
  /** Delivery delay of handoff messages between provinces and the home platform (R-SYNC-1), ms; default 0. */
  deliveryDelayMs?: number;
  /** Service logs (`<logDir>/<service>.log`); default discarded. */
  logDir?: string;
  /**
   * Citizens of a `load` population (0–1 violations per vehicle, seeding stays short); absent: the
   * `demo` population of 24 citizens with the cast the scenarios act as.
   */
  populationCitizens?: number;
  /** The gateway's per-attempt timeout of shard requests, ms; default SIMULATION_SHARD_TIMEOUT_MS (3 000). */
  shardTimeoutMs?: number;
  /** Chongqing's policy table (R-ELG-2, R-ELG-3E), replacing the built-in one; default the built-in. */
  policyPeriods?: PolicyPeriod[];
  /** Faults applied once the system is seeded (the CLI's `--slow`, `--drop`); default none. */
  faults?: ProvinceFault[];
  /** Shard hosts or a process per province (`--layout`); default @jg/cluster's (`LAYOUT`, else "host"). */
  layout?: Layout;
  /** Host layout: how many shard-host processes (`--shard-hosts`); default one per core. */
  shardHosts?: number;
}

/** A fault of one province's shard: its `/internal/faults` settings (latency, deliveries or acknowledgements to lose). */
export type ProvinceFault = { province: string } & FaultSettings;

export type { FaultState };

/**
 * The gateway settings a simulation relies on, given to its gateway explicitly (so a scenario's timing
 * does not depend on the gateway's defaults): the per-attempt shard timeout, unless `shardTimeoutMs`
 * says otherwise, and how long an open circuit waits before it probes the shard again.
 */
const SIMULATION_SHARD_TIMEOUT_MS = 3000;
const SIMULATION_BREAKER_COOL_DOWN_MS = 10_000;

/** Default virtual start: a Tuesday 10:00 CST, outside the night window (R-MNT-1). */
export const DEFAULT_START = "2026-03-10T02:00:00.000Z";

export class Simulation {
  /** Error and denial codes seen in answers, by code. */
  readonly errors = new Counter();
  /** Latency of every gateway call, real ms. */
  readonly latencies: number[] = [];
  private base: number;
  private movedAt = Date.now();
  /** The virtual instant the run started at. */
  readonly startedAt: Date;
  /** Forward clock moves: the virtual spans [from, to) the run skipped instead of living through. */
  readonly jumps: ClockJump[] = [];
  private recordSerial = 0;
  /** Faults injected and scenarios run, at virtual instants (the HTML report's timelines). */
  readonly events: SimEvent[] = [];
  /** Every gateway call: real start, real ms, codes answered (the HTML report's load charts). */
  readonly calls: CallRecord[] = [];
  /** Real epoch ms the simulation was created (the axis of `calls`). */
  readonly startedReal = Date.now();
  /** Latency set per province: a slow province stays slow across its restarts. */
  private readonly latency = new Map<string, number>();

  private constructor(
    readonly system: RunningSystem,
    readonly population: Population,
    readonly options: SimulationOptions,
    private readonly ownDataRoot: string | undefined,
    public seeded: SeedSystemReport,
  ) {
    this.base = Date.parse(options.start ?? DEFAULT_START);
    this.startedAt = new Date(this.base);
  }

  /** Starts, aligns every clock on the start instant, and seeds the system. */
  static async start(options: SimulationOptions): Promise<Simulation> {
    const start = options.start ?? DEFAULT_START;
    const ownDataRoot = options.postgresAdminUrl || options.dataRoot ? undefined : mkdtempSync(join(tmpdir(), "jg-sim-"));
    const base = { seed: options.seed ?? 12123, now: new Date(start), provinces: ["50", ...options.provinces] };
    const population = generatePopulation(
      options.populationCitizens
        ? presets.load({ ...base, citizens: options.populationCitizens, violationsPerVehicle: { min: 0, max: 1 } })
        : presets.demo(base),
    );
    const system = await startSystem({
      provinces: options.provinces,
      virtualClockStart: start,
      deliveryDelayMs: options.deliveryDelayMs ?? 0,
      // POLICY_PERIODS is read by the Chongqing service only; the other services ignore it.
      env: { LOG_LEVEL: "warn", ...(options.policyPeriods ? { POLICY_PERIODS: JSON.stringify(options.policyPeriods) } : {}) },
      startTimeoutMs: 180_000,
      shardTimeoutMs: options.shardTimeoutMs ?? SIMULATION_SHARD_TIMEOUT_MS,
      breakerCoolDownMs: SIMULATION_BREAKER_COOL_DOWN_MS,
      ...(options.layout ? { layout: options.layout } : {}),
      ...(options.shardHosts ? { shardHosts: options.shardHosts } : {}),
      ...(options.postgresAdminUrl ? { postgresAdminUrl: options.postgresAdminUrl } : { dataRoot: options.dataRoot ?? ownDataRoot! }),
      ...(options.logDir ? { logDir: options.logDir } : {}),
    }).catch((err: unknown) => {
      if (ownDataRoot) rmSync(ownDataRoot, { recursive: true, force: true });
      throw err;
    });
    const sim = new Simulation(system, population, options, ownDataRoot, { platform: {}, violationsRecorded: 0, violationIds: {}, failures: [] });
    try {
      await sim.setClock(new Date(start));
      sim.seeded = await seedSystem(system, population, { clock: () => sim.now() });
      await sim.settle();
      for (const { province, ...set } of options.faults ?? []) await sim.setFaults(province, set);
    } catch (err) {
      await sim.stop();
      throw err;
    }
    return sim;
  }

  /** The system's current virtual time (services tick with real time between moves). */
  now(): Date {
    return new Date(this.base + (Date.now() - this.movedAt));
  }

  /** Moves every running service's clock to `to`. */
  async setClock(to: Date): Promise<Date> {
    const from = this.now().getTime();
    const at = await setClocks(this.system, to);
    if (at.getTime() > from) this.jumps.push({ from, to: at.getTime() });
    this.base = at.getTime();
    this.movedAt = Date.now();
    return at;
  }

  /** Moves every clock forward by `ms`. */
  advance(ms: number): Promise<Date> {
    return this.setClock(new Date(this.now().getTime() + ms));
  }

  /** A GraphQL call through the gateway as `identity`; counts its errors and denials by code. */
  async as<T>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const token = await accessTokenFor(identity, this.system.keys, this.now());
    const t0 = performance.now();
    const res = await gatewayGraphQL<T>(this.system.gatewayUrl, query, variables, { token });
    const ms = performance.now() - t0;
    this.latencies.push(ms);
    const codes: string[] = [];
    for (const e of res.errors ?? []) codes.push(e.extensions?.code ?? "UNKNOWN");
    for (const answer of Object.values((res.data ?? {}) as Record<string, unknown>)) {
      const denials = (answer as { denials?: { code: string }[] } | null)?.denials;
      for (const d of denials ?? []) codes.push(d.code);
    }
    for (const code of codes) this.errors.add(code);
    this.calls.push({ at: Date.now() - ms, ms, codes });
    return res;
  }

  /** Runs the revert sweeper and one relay batch on every running shard at the virtual now. */
  async tick(): Promise<void> {
    const now = this.now();
    await Promise.all(
      Object.entries(this.system.shards)
        .filter(([code]) => this.running(code))
        .map(([code, url]) => internalPost(url, "/internal/tick", `province-${code}`, {}, this.system.keys, now)),
    );
  }

  /**
   * Ticks until no running shard has an undelivered outbox message (or `rounds` ticks passed); returns
   * how many stay pending (e.g. held back by a delivery delay, or a home platform that is down). After
   * `patience` rounds without progress it moves the clock a minute per round, past the relays' retry
   * backoff (at most 60 s, @jg/handoff), as waiting in real time would.
   */
  async settle(rounds = 20, patience = 3): Promise<number> {
    let pending = Number.POSITIVE_INFINITY;
    let stale = 0;
    for (let i = 0; i < rounds; i++) {
      await this.tick();
      const audit = await this.audit();
      const now = Object.values(audit.provinces).reduce((n, p) => n + p.outbox.filter((m) => m.deliveredAt === null).length, 0);
      if (now === 0) return 0;
      stale = now < pending ? 0 : stale + 1;
      pending = now;
      if (stale >= patience) await this.advance(60_000);
      else await new Promise((r) => setTimeout(r, 100));
    }
    return pending;
  }

  /** Whether province `code`'s shard runs (50 lives in the Chongqing process; others in a shard host or a process of their own). */
  running(code: string): boolean {
    return this.system.services.get(code === "50" ? "chongqing" : `province-${code}`)?.status === "running";
  }

  /**
   * Stops a province gracefully (fault injection): its process, or in the host layout its shard only.
   * `crash` kills its process (SIGKILL); a hosted shard cannot crash alone and stops as gracefully.
   */
  async stopProvince(code: string, crash = false): Promise<void> {
    const svc = this.service(`province-${code}`);
    this.fault(code, crash ? "killed" : "stopped");
    await (crash ? svc.kill() : svc.stop());
  }

  /**
   * Starts a stopped province again on its data and brings its clock to the system's now; a slow
   * province is slow again (handoff losses still pending are not carried over).
   */
  async startProvince(code: string): Promise<void> {
    await this.service(`province-${code}`).start(180_000);
    this.fault(code, "started again");
    await setClocks(this.system, this.now(), [`province-${code}`]);
    await this.restoreLatency(code);
  }

  /** Stops and starts the home platform (with shard 50) mid-flow, its clock brought back to now. */
  async restartHome(): Promise<void> {
    const svc = this.service("chongqing");
    this.fault("50", "home platform stopped");
    await svc.stop();
    await svc.start(180_000);
    this.fault("50", "home platform started again");
    await setClocks(this.system, this.now(), ["chongqing"]);
    await this.restoreLatency("50");
  }

  /** The gateway's per-attempt shard timeout in this simulation: a latency above it fails the province. */
  get shardTimeoutMs(): number {
    return this.options.shardTimeoutMs ?? SIMULATION_SHARD_TIMEOUT_MS;
  }

  /** How long the gateway's open circuit waits (real ms) before it probes a shard again. */
  get breakerCoolDownMs(): number {
    return SIMULATION_BREAKER_COOL_DOWN_MS;
  }

  /**
   * Sets faults of province `code`'s shard (`POST /internal/faults`, development only); fields left
   * out stay as they are. Returns the shard's fault state; `setFaults(code)` only reads it.
   */
  async setFaults(code: string, set: FaultSettings = {}): Promise<FaultState> {
    const url = this.system.shards[code];
    if (!url) throw new Error(`no province ${code} in this simulation`);
    const state = await internalPost<FaultState>(url, FAULTS_PATH, `province-${code}`, set, this.system.keys, this.now());
    const said = Object.entries(set).filter(([, v]) => v !== undefined);
    if (said.length > 0) this.fault(code, said.map(([k, v]) => (k === "latencyMs" ? `slowed by ${v} ms` : k === "dropHandoff" ? `loses next ${v} handoff message(s)` : k === "dropAcks" ? `loses next ${v} acknowledgement(s)` : `${k} ${v}`)).join(", "));
    if (set.latencyMs !== undefined) this.latency.set(code, set.latencyMs);
    return state;
  }

  /** Slows every GraphQL request of province `code` by `ms` real ms (0 lifts it). */
  slowProvince(code: string, ms: number): Promise<FaultState> {
    return this.setFaults(code, { latencyMs: ms });
  }

  /**
   * Province `code`'s relay loses its next `n` handoff deliveries: on the way to the home platform
   * (`"messages"`, default), or after the home platform processed them (`"acks"`). Either way the
   * relay retries with backoff; the home inbox discards what it already processed.
   */
  dropHandoff(code: string, n: number, what: "messages" | "acks" = "messages"): Promise<FaultState> {
    return this.setFaults(code, what === "acks" ? { dropAcks: n } : { dropHandoff: n });
  }

  /** Records a fault injected into province `code` now (the HTML report's timelines). */
  private fault(province: string, what: string): void {
    this.events.push({ kind: "fault", at: this.now().getTime(), province, what });
  }

  private async restoreLatency(code: string): Promise<void> {
    const ms = this.latency.get(code) ?? 0;
    if (ms > 0) await this.setFaults(code, { latencyMs: ms });
  }

  /**
   * Moves every clock to the start of the next scoring cycle of the licence of `accountId` (CST
   * midnight of the anniversary of its first issue, @jg/rules `scoringCycle`); returns that instant.
   */
  async nextScoringCycle(accountId: string): Promise<Date> {
    const licence = this.population.licences.find((l) => l.accountId === accountId);
    if (!licence) throw new Error(`account ${accountId} has no licence in the population`);
    const cycle = scoringCycle(new Date(`${licence.firstIssuedOn}T00:00:00+08:00`), this.now());
    await this.setClock(cycle.end);
    return cycle.end;
  }

  private service(name: string) {
    const svc = this.system.services.get(name);
    if (!svc) throw new Error(`no service ${name} in this simulation`);
    return svc;
  }

  /** Records a camera violation now-ish in `province` for `plate`, copying an eligible template's code. */
  async recordCamera(province: string, plate: string, template: Population["violations"][number], occurredAt = new Date(this.now().getTime() - 3600_000)): Promise<string> {
    this.recordSerial += 1;
    const vehicle = this.population.vehicles.find((v) => v.plate === plate);
    const input = {
      province,
      sourceRecordKey: `sim-${this.options.seed ?? 12123}-${Date.now().toString(36)}-${this.recordSerial}`,
      plate,
      plateType: vehicle?.plateType ?? template.plateType,
      code: template.code,
      occurredAt: occurredAt.toISOString(),
      location: template.location,
      source: "CAMERA",
      agencyAreaCode: template.agencyAreaCode,
    };
    const camera: Identity = { kind: "CAMERA", systemId: template.recorderId, provinceCode: province };
    const res = await this.as<{ recordViolation: { ok: boolean; violation: { id: string } | null; denials: { code: string }[] } }>(
      camera,
      `mutation R($input: RecordViolationInput!) { recordViolation(input: $input) { ok violation { id } denials { code } } }`,
      { input },
    );
    const id = res.data?.recordViolation.violation?.id;
    if (!id) throw new Error(`recording in ${province} failed: ${JSON.stringify(res.errors ?? res.data)}`);
    return id;
  }

  /** Every running database's audit rows. */
  audit(): Promise<AuditSnapshot & { missing: string[] }> {
    return fetchAudit(this.system, this.now());
  }

  /** Every invariant over a fresh audit; `settled` demands completion (end of a run). */
  async invariants(settled: boolean): Promise<InvariantResult[]> {
    return checkInvariants(await this.audit(), { settled });
  }

  /** Handoff latency (virtual ms from a province's outbox row to the home inbox), from an audit. */
  static handoffLatency(audit: AuditSnapshot, jumps: readonly ClockJump[] = []): Distribution {
    const received = new Map(audit.platform.inbox.map((m) => [m.messageId, Date.parse(m.receivedAt)]));
    const values: number[] = [];
    for (const p of Object.values(audit.provinces)) {
      for (const m of p.outbox) {
        const at = received.get(m.messageId);
        if (at === undefined) continue;
        const created = Date.parse(m.createdAt);
        values.push(Math.max(0, at - created - skippedBetween(jumps, created, at)));
      }
    }
    return distribution(values);
  }

  /** Stops every service (and removes the temporary data folder). */
  async stop(): Promise<void> {
    await this.system.stop();
    if (this.ownDataRoot) rmSync(this.ownDataRoot, { recursive: true, force: true });
  }

}

/** A forward move of the virtual clock, epoch ms. */
export interface ClockJump {
  from: number;
  to: number;
}

/** How much of [start, end) the clock skipped by jumps (virtual ms). */
export function skippedBetween(jumps: readonly ClockJump[], start: number, end: number): number {
  let skipped = 0;
  for (const j of jumps) skipped += Math.max(0, Math.min(j.to, end) - Math.max(j.from, start));
  return skipped;
}
