/**
 * Fills a running system with a synthetic population (@jg/population) the way production fills
 * itself: the platform's people, licences, vehicles, filings and leases through its development
 * seeding route; every violation recorded at its province through the gateway's `recordViolation`,
 * by the camera system or officer the population names, so the handoff to the home platform runs
 * for real (violations of 渝 vehicles become visible under `Vehicle.violations` once delivered).
 */
import type { Population } from "@jg/population";
import { accessTokenFor, gatewayGraphQL, internalPost } from "./clients";
import type { RunningSystem } from "./system";

const RECORD = `mutation Record($input: RecordViolationInput!) {
  recordViolation(input: $input) { ok replayed violation { id } denials { code ruleId } }
}`;

export interface SeedSystemReport {
  platform: Record<string, unknown>;
  violationsRecorded: number;
  violationIds: Record<string, string>;
  failures: { sourceRecordKey: string; reason: string }[];
}

/** How long the home platform's seeding request may take (the whole population in one request). */
const SEED_TIMEOUT_MS = 300_000;

type RecordAnswer = { recordViolation: { ok: boolean; replayed: boolean; violation: { id: string } | null; denials: { code: string }[] } };

/**
 * Seeds the system. `clock` tells the system's current time (virtual or real) for signing tokens;
 * default the real time.
 */
export async function seedSystem(
  system: RunningSystem,
  population: Population,
  options: { clock?: () => Date; concurrency?: number } = {},
): Promise<SeedSystemReport> {
  const clock = options.clock ?? (() => new Date());
  // One request carries the whole population: a load population of thousands of citizens takes the
  // home platform longer than an internal call's default 5 s, more so on a busy machine.
  const platform = await internalPost<Record<string, unknown>>(system.platformUrl, "/internal/dev/seed", "home-platform", population, system.keys, clock(), {
    timeoutMs: SEED_TIMEOUT_MS,
  });

  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (v: Population["violations"][number]) => {
    const key = `${v.source}:${v.recorderId}`;
    if (!tokens.has(key)) {
      const identity =
        v.source === "CAMERA"
          ? ({ kind: "CAMERA", systemId: v.recorderId, provinceCode: v.provinceCode } as const)
          : ({ kind: "OFFICER", officerId: v.recorderId, provinceCode: v.provinceCode } as const);
      tokens.set(key, accessTokenFor(identity, system.keys, clock()));
    }
    return tokens.get(key)!;
  };

  const report: SeedSystemReport = { platform, violationsRecorded: 0, violationIds: {}, failures: [] };
  const queue = [...population.violations];
  const worker = async () => {
    for (let v = queue.shift(); v; v = queue.shift()) {
      const input = {
        province: v.provinceCode,
        sourceRecordKey: v.sourceRecordKey,
        plate: v.plate,
        plateType: v.plateType,
        code: v.code,
        occurredAt: v.occurredAt,
        location: v.location,
        source: v.source,
        agencyAreaCode: v.agencyAreaCode,
      };
      const res = await gatewayGraphQL<RecordAnswer>(system.gatewayUrl, RECORD, { input }, { token: await tokenOf(v) });
      const answer = res.data?.recordViolation;
      if (answer?.ok && answer.violation) {
        report.violationsRecorded += 1;
        report.violationIds[v.sourceRecordKey] = answer.violation.id;
      } else {
        const reason = res.errors?.map((e) => e.extensions?.code ?? e.message).join(", ") ?? answer?.denials.map((d) => d.code).join(", ") ?? "no answer";
        report.failures.push({ sourceRecordKey: v.sourceRecordKey, reason });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return report;
}

/**
 * Runs the revert sweeper and one outbox relay batch now (docs/design.md §4) on every shard, or on the
 * shards of `codes` only, e.g. after seeding.
 */
export async function tickShards(system: RunningSystem, now = new Date(), codes?: readonly string[]): Promise<void> {
  await Promise.all(
    Object.entries(system.shards)
      .filter(([code]) => !codes || codes.includes(code))
      .map(([code, url]) => internalPost(url, "/internal/tick", `province-${code}`, {}, system.keys, now)),
  );
}
