import { AppFault } from "@jg/errors";
import { type OutboxRelay } from "@jg/handoff";
import { isServiceCaller, jwksRoute, type KeyDirectory } from "@jg/identity";
import { clockRoutes, type Clock, type HttpRequest, type Route } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import { auditSnapshot } from "./audit";
import { type ProvinceDb } from "./db/database";
import { faultRoutes, type ShardFaults } from "./fault-injection";
import { type RevertSweeper } from "./revert/revert.sweeper";

export interface RouteDeps {
  db: ProvinceDb;
  clock: Clock;
  relay: OutboxRelay;
  sweeper: RevertSweeper;
  /** The key directory: every `/internal` route answers only a service credential it verifies. */
  directory: KeyDirectory;
  /** This shard's service name: the audience of tokens sent to it. */
  service: string;
  /** Fault injection (development only): mounts `/internal/faults` when given. */
  faults?: ShardFaults | undefined;
}

/**
 * The shard's JSON routes: liveness, readiness (the database answers), and `/internal/tick`, which
 * runs the revert sweeper and one relay batch on demand so a simulator on a virtual clock can make
 * time-driven work happen when it moves the clock, and the clock routes (`/internal/clock`) through
 * which it moves this shard's virtual clock, and `GET /internal/audit`, the read-only rows the
 * simulator's invariant checker needs (issue #6), and, in development only, `/internal/faults` (see
 * faults.ts). All need a service token addressed to this shard (the clock's GET too: issue 10 §6).
 * `GET /.well-known/jwks.json` publishes the shard's public keys.
 */
export function shardRoutes(deps: RouteDeps): Route[] {
  const serviceCaller = (req: HttpRequest, now = deps.clock.now()) => isServiceCaller(req.headers, { directory: deps.directory, audience: deps.service, now });
  const refused = () => {
    const fault = new AppFault("SERVICE_TOKEN_INVALID");
    return { status: fault.httpStatus, json: { error: fault.code } };
  };
  return [
    // The clock routes check the token against the wall clock: moving a virtual clock far must not lock the mover out.
    ...clockRoutes(deps.clock, (req) => serviceCaller(req, new Date())),
    jwksRoute(deps.directory, deps.service),
    ...(deps.faults ? faultRoutes(deps.faults, serviceCaller, refused) : []),
    {
      method: "GET",
      path: "/internal/audit",
      handler: async (req) => {
        if (!(await serviceCaller(req))) return refused();
        return { status: 200, json: await auditSnapshot(deps.db, deps.service.replace(/^province-/, "")) };
      },
    },
    { method: "GET", path: "/healthz", handler: () => ({ status: 200, json: { ok: true, pid: process.pid } }) },
    {
      method: "GET",
      path: "/readyz",
      handler: async () => {
        try {
          await deps.db.execute(sql`select 1`);
          return { status: 200, json: { ok: true } };
        } catch {
          return { status: 503, json: { ok: false } };
        }
      },
    },
    {
      method: "POST",
      path: "/internal/tick",
      handler: async (req) => {
        if (!(await serviceCaller(req))) {
          const fault = new AppFault("SERVICE_TOKEN_INVALID");
          return { status: fault.httpStatus, json: { error: fault.code } };
        }
        const reverted = await deps.sweeper.sweepOnce();
        const relayed = await deps.relay.drainOnce();
        return { status: 200, json: { reverted, ...relayed } };
      },
    },
  ];
}
