/**
 * A simulation: the whole system (@jg/cluster) on a shared virtual clock, seeded with a reproducible
 * population (@jg/population), with the moves scenarios make — clock moves, citizens' GraphQL calls
 * through the gateway, shard ticks until the handoff settles, faults (stop, start, kill a province,
 * restart the home platform, slow a province, lose handoff messages) — and what a report needs:
 * audits, invariants, latencies, error codes. This class is the scenarios' one handle; each concern
 * lives in its own file: virtual time (virtual-time.ts), process control (process-control.ts), fault
 * injection (fault-injection.ts), recording of calls (call-log.ts), reporting (handoff-latency.ts,
 * audit.ts, invariants.ts).
 */
import { seedSystem, tickShards, type GraphQLResponse, type RunningSystem, type SeedSystemReport } from "@jg/cluster";
import type { Identity } from "@jg/identity";
import type { Population } from "@jg/population";
import { scoringCycle } from "@jg/rules";
import type { AuditSnapshot } from "./audit-types";
import { fetchAudit } from "./audit";
import { CallLog } from "./call-log";
import { recordCamera } from "./camera";
import { FaultInjector, type FaultSettings, type FaultState, type ProvinceFault } from "./fault-injection";
import { handoffLatency } from "./handoff-latency";
import type { InvariantResult } from "./invariant-result";
import { checkInvariants } from "./invariants";
import { launch } from "./launch";
import { ProcessControl } from "./process-control";
import type { CallRecord, SimEvent } from "./sim-events";
import { DEFAULT_START, SIMULATION_BREAKER_COOL_DOWN_MS, SIMULATION_SHARD_TIMEOUT_MS, type SimulationOptions } from "./sim-options";
import type { Counter, Distribution } from "./stats";
import { VirtualTime, type ClockJump } from "./virtual-time";

export type { FaultState, ProvinceFault };
export { skippedBetween, type ClockJump } from "./virtual-time";

export { DEFAULT_START, type PolicyPeriod, type SimulationOptions } from "./sim-options";

export class Simulation {
  /** The virtual instant the run started at. */
  readonly startedAt: Date;
  /** Real epoch ms the simulation was created (the axis of `calls`). */
  readonly startedReal = Date.now();
  private readonly time: VirtualTime;
  private readonly log = new CallLog();
  private readonly faults: FaultInjector;
  private readonly control: ProcessControl;
  private recordSerial = 0;

  private constructor(
    readonly system: RunningSystem,
    readonly population: Population,
    readonly options: SimulationOptions,
    public seeded: SeedSystemReport,
  ) {
    this.startedAt = new Date(options.start ?? DEFAULT_START);
    this.time = new VirtualTime(this.startedAt);
    this.faults = new FaultInjector(system, () => this.now());
    this.control = new ProcessControl(system, this.faults, () => this.now());
  }

  /** Error and denial codes seen in answers, by code. */
  get errors(): Counter {
    return this.log.errors;
  }
  /** Latency of every gateway call, real ms. */
  get latencies(): number[] {
    return this.log.latencies;
  }
  /** Every gateway call: real start, real ms, codes answered (the HTML report's load charts). */
  get calls(): CallRecord[] {
    return this.log.calls;
  }
  /** Faults injected and scenarios run, at virtual instants (the HTML report's timelines). */
  get events(): SimEvent[] {
    return this.faults.events;
  }
  /** Forward clock moves: the virtual spans [from, to) the run skipped instead of living through. */
  get jumps(): ClockJump[] {
    return this.time.jumps;
  }

  /** Starts, aligns every clock on the start instant, and seeds the system. */
  static async start(options: SimulationOptions): Promise<Simulation> {
    const start = options.start ?? DEFAULT_START;
    const { system, population } = await launch(options);
    const sim = new Simulation(system, population, options, { platform: {}, violationsRecorded: 0, violationIds: {}, failures: [] });
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
    return this.time.now();
  }

  /** Moves every running service's clock to `to`. */
  setClock(to: Date): Promise<Date> {
    return this.time.set(this.system, to);
  }

  /** Moves every clock forward by `ms`. */
  advance(ms: number): Promise<Date> {
    return this.setClock(new Date(this.now().getTime() + ms));
  }

  /** A GraphQL call through the gateway as `identity`; counts its errors and denials by code. */
  as<T>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    return this.log.call<T>(this.system, this.now(), identity, query, variables);
  }

  /** Runs the revert sweeper and one relay batch on the running shards (default every one) at the virtual now. */
  async tick(only?: readonly string[]): Promise<void> {
    const codes = Object.keys(this.system.shards).filter((code) => this.running(code) && (!only || only.includes(code)));
    await tickShards(this.system, this.now(), codes);
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
    return this.control.running(code);
  }

  /**
   * Stops a province gracefully (fault injection): its process, or in the host layout its shard only.
   * `crash` kills its process (SIGKILL); a hosted shard cannot crash alone and stops as gracefully.
   */
  stopProvince(code: string, crash = false): Promise<void> {
    return this.control.stopProvince(code, crash);
  }

  /**
   * Starts a stopped province again on its data and brings its clock to the system's now; a slow
   * province is slow again (handoff losses still pending are not carried over).
   */
  startProvince(code: string): Promise<void> {
    return this.control.startProvince(code);
  }

  /** Stops and starts the home platform (with shard 50) mid-flow, its clock brought back to now. */
  restartHome(): Promise<void> {
    return this.control.restartHome();
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
  setFaults(code: string, set: FaultSettings = {}): Promise<FaultState> {
    return this.faults.set(code, set);
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

  /** Records a camera violation now-ish in `province` for `plate`, copying an eligible template's code (camera.ts). */
  recordCamera(province: string, plate: string, template: Population["violations"][number], occurredAt = new Date(this.now().getTime() - 3600_000)): Promise<string> {
    this.recordSerial += 1;
    return recordCamera(this, { province, plate, template, occurredAt, serial: this.recordSerial });
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
    return handoffLatency(audit, jumps);
  }

  /** Stops every service (@jg/cluster removes the run's temporary data folder). */
  async stop(): Promise<void> {
    await this.system.stop();
  }
}
