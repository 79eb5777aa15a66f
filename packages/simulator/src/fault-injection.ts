/**
 * Development fault injection into province shards (`POST /internal/faults`): latency, lost handoff
 * deliveries or acknowledgements; and the record of every fault injected (stops and restarts too), at
 * virtual instants, for the HTML report's timelines. A slow province stays slow across its restarts.
 */
import { internalPost, type RunningSystem } from "@jg/cluster";
import { FAULTS_PATH, type FaultSettings, type FaultState } from "@jg/province-service/fault-injection";
import type { SimEvent } from "./sim-events";

/** A fault of one province's shard: its `/internal/faults` settings (latency, deliveries or acknowledgements to lose). */
export type ProvinceFault = { province: string } & FaultSettings;

export type { FaultSettings, FaultState };

/** How a settings change reads in the timeline. */
function describe(set: FaultSettings): string {
  return Object.entries(set)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === "latencyMs" ? `slowed by ${v} ms` : k === "dropHandoff" ? `loses next ${v} handoff message(s)` : k === "dropAcks" ? `loses next ${v} acknowledgement(s)` : `${k} ${v}`))
    .join(", ");
}

export class FaultInjector {
  /** Faults injected and scenarios run, at virtual instants (the HTML report's timelines). */
  readonly events: SimEvent[] = [];
  /** Latency set per province: a slow province stays slow across its restarts. */
  private readonly latency = new Map<string, number>();

  constructor(
    private readonly system: RunningSystem,
    private readonly now: () => Date,
  ) {}

  /** Records a fault injected into province `code` now. */
  record(province: string, what: string): void {
    this.events.push({ kind: "fault", at: this.now().getTime(), province, what });
  }

  /** Sets faults of province `code`'s shard; fields left out stay as they are. Returns its fault state. */
  async set(code: string, set: FaultSettings = {}): Promise<FaultState> {
    const url = this.system.shards[code];
    if (!url) throw new Error(`no province ${code} in this simulation`);
    const state = await internalPost<FaultState>(url, FAULTS_PATH, `province-${code}`, set, this.system.keys, this.now());
    const said = describe(set);
    if (said) this.record(code, said);
    if (set.latencyMs !== undefined) this.latency.set(code, set.latencyMs);
    return state;
  }

  /** Makes a restarted province as slow as it was. */
  async restoreLatency(code: string): Promise<void> {
    const ms = this.latency.get(code) ?? 0;
    if (ms > 0) await this.set(code, { latencyMs: ms });
  }
}
