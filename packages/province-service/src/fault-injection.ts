/**
 * Fault injection for simulations (issue #6), development only: a slow province (every GraphQL request
 * waits `latencyMs` of real time before it runs) and handoff messages lost in transit (the relay loses
 * the next N deliveries on the way, or delivers the next N and loses their acknowledgements; either way
 * it retries with backoff, and the receiver's inbox discards the duplicates).
 *
 * `POST /internal/faults` sets any of `{ latencyMs, dropHandoff, dropAcks }` (counts replace the ones
 * still pending) and `GET /internal/faults` reads them, both with a service token for this shard. The
 * routes are mounted only when the shard runs a virtual clock or its `faults` option is on; a
 * production shard (system clock, `faults` off) has neither the routes nor any delay or loss.
 * The state lives in the process: a restarted shard starts without faults.
 *
 * The HTTP contract (`FAULTS_PATH`, `FaultSettings`, `FaultState`) is exported as
 * `@jg/province-service/fault-injection`, which the simulator uses; this module loads no part of the shard.
 */
import { type OutboxRow } from "@jg/handoff";
import { type HttpRequest, type Route } from "@jg/service-kit";
import { z } from "zod";

export const FAULTS_PATH = "/internal/faults";

export const faultsSchema = z
  .object({
    /** Real ms every GraphQL request waits before it runs; 0 lifts the slowness. At most 10 minutes. */
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    /** The next N outbox deliveries are lost on the way (never reach the destination). */
    dropHandoff: z.number().int().min(0).max(100_000).optional(),
    /** The next N outbox deliveries reach the destination but their acknowledgements are lost. */
    dropAcks: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();

/** What `POST /internal/faults` takes: any of the settings; those left out stay as they are. */
export type FaultSettings = z.infer<typeof faultsSchema>;

/** What `/internal/faults` answers. */
export interface FaultState {
  latencyMs: number;
  /** Deliveries still to lose on the way. */
  dropHandoff: number;
  /** Acknowledgements still to lose. */
  dropAcks: number;
  /** What was lost so far: messages on the way, acknowledgements. */
  lost: { requests: number; acks: number };
}

/** The faults of one shard process. */
export class ShardFaults {
  private latencyMs = 0;
  private dropHandoff = 0;
  private dropAcks = 0;
  private readonly lost = { requests: 0, acks: 0 };

  state(): FaultState {
    return { latencyMs: this.latencyMs, dropHandoff: this.dropHandoff, dropAcks: this.dropAcks, lost: { ...this.lost } };
  }

  set(input: FaultSettings): FaultState {
    if (input.latencyMs !== undefined) this.latencyMs = input.latencyMs;
    if (input.dropHandoff !== undefined) this.dropHandoff = input.dropHandoff;
    if (input.dropAcks !== undefined) this.dropAcks = input.dropAcks;
    return this.state();
  }

  /** Waits the injected latency (real time), if any. */
  async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
  }

  /** The relay's `lossInTransit` hook: losses on the way first, then lost acknowledgements. */
  readonly lossInTransit = (_row: OutboxRow): "request" | "answer" | undefined => {
    if (this.dropHandoff > 0) {
      this.dropHandoff -= 1;
      this.lost.requests += 1;
      return "request";
    }
    if (this.dropAcks > 0) {
      this.dropAcks -= 1;
      this.lost.acks += 1;
      return "answer";
    }
    return undefined;
  };
}

/** `GET` and `POST /internal/faults`, both behind `authorize` (a service token for this shard). */
export function faultRoutes(faults: ShardFaults, authorize: (req: HttpRequest) => Promise<boolean>, refused: () => { status: number; json: unknown }): Route[] {
  return [
    {
      method: "GET",
      path: FAULTS_PATH,
      handler: async (req) => ((await authorize(req)) ? { status: 200, json: faults.state() } : refused()),
    },
    {
      method: "POST",
      path: FAULTS_PATH,
      handler: async (req) => {
        if (!(await authorize(req))) return refused();
        const parsed = faultsSchema.safeParse(req.body);
        if (!parsed.success) return { status: 400, json: { error: "expected { latencyMs?, dropHandoff?, dropAcks? }: integers >= 0" } };
        return { status: 200, json: faults.set(parsed.data) };
      },
    },
  ];
}
