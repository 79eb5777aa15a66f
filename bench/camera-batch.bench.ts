/**
 * Camera batches into one province on PostgreSQL (issue 18, "Camera systems"), never a test: the system
 * as `npm start` runs it (@jg/cluster: Chongqing with the home platform and shard 50, province 51, the
 * gateway; one PostgreSQL database per service, system clock), a camera system of Sichuan sending
 * `recordViolations` batches of Chongqing (渝) vehicles through the gateway, so the home platform must
 * index every record from the `violation.recorded` messages the shard's outbox relay delivers.
 *
 * Reports: records/s accepted (first batch sent → last batch answered), the indexing lag (last batch
 * answered → the home platform's `violation_index` holds every record, polled every 50 ms), records/s
 * end to end, batch latency, and HANDOFF_BACKLOG refusals (retried after `extensions.retryAfter`, as a
 * camera would). Figures go to bench/README.md.
 *
 *   npx tsx bench/camera-batch.bench.ts [--records=20000] [--batch=500] [--concurrency=2]
 *     [--pg=postgres://postgres@127.0.0.1:5432/postgres] [--rounds=1] [--per-request=100] [--in-flight=4]
 *
 * `--per-request`: handoff messages per request from the province's relay to the home platform
 * (RELAY_MESSAGES_PER_REQUEST; 1 = one request and one receiver transaction per message, as before
 * batched handoff delivery). `--in-flight`: batched requests the relay sends at once (RELAY_REQUESTS_IN_FLIGHT;
 * 1 = one request per round, as before the issue 18 follow-up).
 *
 * With JG_CPU_PROF_WINDOW_DIR=<dir>, every service writes a CPU profile of each round (first batch sent to
 * the last record indexed) there (SIGUSR2, packages/cluster/src/profile-on-signal.ts); summarise them
 * with bench/cpuprofile-summary.ts.
 *
 * `--direct`: the shard alone, in this process (PostgreSQL, relay off, no gateway, no home platform),
 * batches sent one at a time over loopback: what recording itself costs, and SQL statements per batch.
 */
import { accessTokenFor, gatewayGraphQL, startSystem } from "@jg/cluster";
import { loadavg } from "node:os";
import postgres from "postgres";
import { flags } from "./flags";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const args = flags();
const RECORDS = Number(args.records ?? 20_000);
const BATCH = Number(args.batch ?? 500);
const CONCURRENCY = Number(args.concurrency ?? 2);
const ROUNDS = Number(args.rounds ?? 1);
const PER_REQUEST = args["per-request"];
const IN_FLIGHT = args["in-flight"];
const PG = args.pg ?? process.env.DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const MUTATION = `mutation Batch($p: ProvinceCode!, $r: [ViolationRecordInput!]!) {
  recordViolations(province: $p, records: $r) { recorded duplicates refused items { outcome refusal { code } } } }`;
type BatchAnswer = { recordViolations: { recorded: number; duplicates: number; refused: number; items: { outcome: string; refusal: { code: string } | null }[] } };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

// A 500-record batch is a heavy mutation: the gateway gives recordViolations its batch timeout
// (SHARD_BATCH_TIMEOUT_MS, 30 s by default) instead of the 3 s per-shard one, so nothing is raised here.
if (args.direct !== undefined || process.argv.includes("--direct")) {
  await direct();
  process.exit(0);
}

const system = await startSystem({ provinces: ["51"], postgresAdminUrl: PG, env: { LOG_LEVEL: "warn", ...(PER_REQUEST ? { RELAY_MESSAGES_PER_REQUEST: PER_REQUEST } : {}), ...(IN_FLIGHT ? { RELAY_REQUESTS_IN_FLIGHT: IN_FLIGHT } : {}) } });
const platformDb = system.databases.find((d) => d.endsWith("_platform"))!;
const sql = postgres(PG.replace(/\/[^/]*$/, `/${platformDb}`), { max: 1, onnotice: () => {} });
const camera = { kind: "CAMERA", systemId: "bench-cam-chengdu", provinceCode: "51" } as const;

try {
  for (let round = 1; round <= ROUNDS; round += 1) {
    const before = (await sql<{ n: number }[]>`select count(*)::int as n from violation_index`)[0]!.n;
    const token = await accessTokenFor(camera, system.keys, new Date());
    const occurredAt = new Date(Date.now() - 3600_000).toISOString();
    const batches = Array.from({ length: Math.ceil(RECORDS / BATCH) }, (_, b) =>
      Array.from({ length: Math.min(BATCH, RECORDS - b * BATCH) }, (_, i) => {
        const n = b * BATCH + i;
        return {
          sourceRecordKey: `bench-${round}-${process.pid}-${n}`,
          plate: `渝A${String(n % 100_000).padStart(5, "0")}`,
          plateType: "02",
          code: "1116",
          occurredAt,
          location: "成都市人民南路一段",
          source: "CAMERA",
          agencyAreaCode: "510100",
        };
      }),
    );
    const latencies: number[] = [];
    let backlog = 0;
    let recorded = 0;
    let next = 0;
    const profile = () => {
      if (process.env.JG_CPU_PROF_WINDOW_DIR) for (const p of system.processes.values()) if (p.pid) process.kill(p.pid, "SIGUSR2");
    };
    profile();
    const t0 = performance.now();
    async function worker(): Promise<void> {
      while (next < batches.length) {
        const records = batches[next++]!;
        for (;;) {
          const s = performance.now();
          const res = await gatewayGraphQL<BatchAnswer>(system.gatewayUrl, MUTATION, { p: "51", r: records }, { token });
          const code = res.errors?.[0]?.extensions?.code;
          if (code === "HANDOFF_BACKLOG") {
            backlog += 1;
            const retryAfter = Number((res.errors![0]!.extensions as { retryAfter?: number }).retryAfter ?? 1);
            await new Promise((r) => setTimeout(r, retryAfter * 1000));
            continue;
          }
          if (!res.data) throw new Error(`batch failed: ${JSON.stringify(res.errors).slice(0, 300)}`);
          latencies.push(performance.now() - s);
          const out = res.data.recordViolations;
          if (out.refused > 0) throw new Error(`refused records: ${JSON.stringify(out.items.find((i) => i.refusal))}`);
          recorded += out.recorded;
          break;
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    const t1 = performance.now();
    let indexed = 0;
    for (;;) {
      const n = (await sql<{ n: number }[]>`select count(*)::int as n from violation_index`)[0]!.n;
      indexed = n - before;
      if (indexed >= recorded || performance.now() - t1 > 600_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const t2 = performance.now();
    profile();
    const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
    const [l1] = loadavg();
    console.log(
      `round ${round}: ${recorded} records in ${batches.length} batches of ${BATCH}, ${CONCURRENCY} in flight — ` +
        `accepted ${rate(recorded, t1 - t0)} records/s (${((t1 - t0) / 1000).toFixed(1)} s); ` +
        `indexing lag after the last batch ${Math.round(t2 - t1)} ms (${indexed}/${recorded} indexed); end to end ${rate(indexed, t2 - t0)} records/s; ` +
        `batch p50 ${Math.round(quantile(latencies, 0.5))} ms p99 ${Math.round(quantile(latencies, 0.99))} ms; HANDOFF_BACKLOG ${backlog}; load ${l1!.toFixed(1)}`,
    );
  }
} finally {
  await sql.end();
  await system.stop();
}

/** The shard alone (see the header's `--direct`). */
async function direct(): Promise<void> {
  const { generateKeySet, KeyDirectory, serviceKeysOf, signerOf, signIdentity } = await import("@jg/identity");
  const { createProvinceShard } = await import("@jg/province-service");
  const { VirtualClock } = await import("@jg/service-kit");
  const { pino } = await import("pino");
  const keys = generateKeySet([
    { service: "gateway", roles: ["edge"] },
    { service: "province-51", roles: ["province"], province: "51" },
  ]);
  const clock = new VirtualClock("2026-03-10T02:00:00.000Z");
  const admin = postgres(PG, { max: 1, onnotice: () => {} });
  const name = `jg_bench_batch_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const shard = await createProvinceShard(
    {
      provinceCode: "51",
      databaseUrl: PG.replace(/\/[^/]*$/, `/${name}`),
      homePlatformUrl: "http://127.0.0.1:9",
      keys: serviceKeysOf(keys, "province-51", new KeyDirectory(keys.directory)),
      sweepIntervalMs: 0,
      relayIntervalMs: 0,
      checkViewerAccess: false,
      logLevel: "silent",
    },
    { clock, logger: pino({ level: "silent" }) },
  );
  try {
    const identity = await signIdentity({ kind: "CAMERA", systemId: "bench-cam", provinceCode: "51" }, { signer: signerOf(keys, "gateway"), now: clock.now() });
    const occurredAt = new Date(clock.now().getTime() - 3600_000).toISOString();
    let n = 0;
    const send = async () => {
      const records = Array.from({ length: BATCH }, () => {
        n += 1;
        return { sourceRecordKey: `k-${n}`, plate: `渝A${String(n % 100_000).padStart(5, "0")}`, plateType: "02", code: "1116", occurredAt, location: "成都市人民南路一段", source: "CAMERA", agencyAreaCode: "510100" };
      });
      const res = await fetch(`${shard.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-jg-identity": identity },
        body: JSON.stringify({ query: MUTATION, variables: { p: "51", r: records } }),
      });
      const body = (await res.json()) as { data?: BatchAnswer };
      if (body.data?.recordViolations.recorded !== records.length) throw new Error(JSON.stringify(body).slice(0, 300));
    };
    for (let i = 0; i < 4; i += 1) await send(); // warm-up
    const batches = Math.ceil(RECORDS / BATCH);
    shard.database.queries.reset();
    const t0 = performance.now();
    for (let i = 0; i < batches; i += 1) await send();
    const ms = performance.now() - t0;
    console.log(
      `direct (shard alone, PostgreSQL): ${Math.round((batches * BATCH * 1000) / ms)} records/s, ${(ms / batches).toFixed(0)} ms per batch of ${BATCH}, ` +
        `SQL per batch ${(shard.database.queries.count / batches).toFixed(1)}; load ${loadavg()[0]!.toFixed(1)}`,
    );
  } finally {
    await shard.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
