/**
 * Hostile documents (issue 10 §1): how long the gateway and a shard reached directly take to answer a
 * 1 MB document, 20 000 and 90 000 `{ __typename … }` selections, and the latency of normal traffic
 * (`province(code: "51")` through the gateway) while such documents keep arriving. Real processes
 * (@jg/cluster: Chongqing, province 51, the gateway), PGlite in memory. Run on demand, never as a test:
 *
 *   npx tsx bench/document-limits.bench.ts
 *
 * Options (environment): BENCH_CASES (comma list of 1mb,20000,90000; default all), BENCH_REPEAT (answers
 * timed per case and target, default 5), BENCH_SECONDS (each traffic phase, default 10),
 * BENCH_CONCURRENCY (normal requests in flight, default 4), BENCH_HOSTILE (the case sent in a loop
 * during the second traffic phase, default 90000; "none" skips that phase).
 * Written against APIs main already had, so the same file measures the code before the change.
 */
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import { accessTokenFor, GATEWAY_SERVICE, startSystem, systemSigner } from "@jg/cluster";
import { signIdentity } from "@jg/identity";
import { parse } from "graphql";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const CASES = (process.env.BENCH_CASES ?? "1mb,20000,90000").split(",");
const HOSTILE = process.env.BENCH_HOSTILE ?? "90000";

/** The documents, each under the gateway's 1 MiB body limit once wrapped in JSON. */
const documents: Record<string, string> = {
  // 1 MB of distinct aliased `__typename`: every response name differs (no quadratic merge check), so
  // the cost is in the size alone.
  "1mb": (() => {
    let out = "{";
    for (let i = 0; out.length < 1_000_000; i += 1) out += ` a${i}:__typename`;
    return `${out} }`;
  })(),
  "20000": `{ ${"__typename ".repeat(20_000)}}`,
  "90000": `{ ${"__typename ".repeat(90_000)}}`,
};

/**
 * The server's own work for a refusal, in this process (no HTTP, no other process): what the host and
 * Apollo do before the guard answers (JSON.parse of the body, sha256 of the query) and the parse that
 * `maxTokens` stops, then the AST walk when the parse succeeds. Wall-clock round trips below include the
 * client, loopback and the scheduler of a shared machine; this is the part the limits control.
 */
const MAX_TOKENS = Number(process.env.BENCH_MAX_TOKENS ?? 2000);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log("\n| document | in-process work before the refusal (median of 20) |\n|---|---|");
for (const name of CASES) {
  const doc = documents[name]!;
  const body = JSON.stringify({ query: doc });
  const times: number[] = [];
  for (let i = 0; i < 25; i += 1) {
    const started = performance.now();
    const { query } = JSON.parse(body) as { query: string };
    createHash("sha256").update(query).digest("hex");
    try {
      parse(query, { maxTokens: MAX_TOKENS });
    } catch {
      // the refusal
    }
    if (i >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${times[10]!.toFixed(2)} ms |`);
}
console.log("");

const system = await startSystem({ provinces: ["51"], env: { LOG_LEVEL: "warn" }, startTimeoutMs: 180_000 });
const shardUrl = system.shards["51"]!;
const identity = async () =>
  signIdentity({ kind: "OFFICER", officerId: "bench", provinceCode: "51" }, { signer: systemSigner(system.keys, GATEWAY_SERVICE) });

let sent = 0;
/** POSTs `query`; `unique` appends a comment that changes the document's hash, so Apollo's cache of
 * validated documents cannot answer it (an attacker varies the document the same way). */
async function post(url: string, query: string, headers: Record<string, string> = {}, unique = true): Promise<{ ms: number; status: number; code: string }> {
  sent += 1;
  const body = JSON.stringify({ query: unique ? `${query}\n# ${sent}` : query });
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let code = "data";
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
    code = body.errors?.[0]?.extensions?.code ?? (body.errors ? "error" : "data");
  } catch {
    code = "not-json";
  }
  return { ms, status: res.status, code };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);

try {
  console.log("| document | bytes | target | answer | median | max |");
  console.log("|---|---|---|---|---|---|");
  for (const name of CASES) {
    const doc = documents[name];
    if (!doc) throw new Error(`unknown case ${name}`);
    // A fresh identity header for each request to the shard: they live 60 s, and main took longer.
    for (const [target, url, headers] of [
      ["gateway", system.gatewayUrl, async () => ({})],
      ["shard 51", shardUrl, async () => ({ "x-jg-identity": await identity() })],
    ] as const) {
      const runs = [];
      for (let i = 0; i < Math.min(REPEAT, 2); i += 1) await post(url, doc, await headers()); // warm-up (JIT)
      for (let i = 0; i < REPEAT; i += 1) runs.push(await post(url, doc, await headers()));
      const ms = runs.map((r) => r.ms);
      console.log(`| ${name} | ${doc.length} | ${target} | ${runs[0]!.status} ${runs[0]!.code} | ${fmt(median(ms))} | ${fmt(Math.max(...ms))} |`);
    }
  }

  const NORMAL = `{ province(code: "51") { code name platformOpen } }`;
  const officer = { kind: "OFFICER", officerId: "bench", provinceCode: "51" } as const;
  const auth = { authorization: `Bearer ${await accessTokenFor(officer, system.keys, new Date())}` };
  async function traffic(hostile: string | undefined): Promise<string> {
    const latencies: number[] = [];
    const hostileMs: number[] = [];
    let failures = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const normalLoop = async () => {
      while (performance.now() < deadline) {
        const r = await post(system.gatewayUrl, NORMAL, auth, false);
        if (r.status !== 200 || r.code !== "data") failures += 1;
        latencies.push(r.ms);
      }
    };
    const hostileLoop = async () => {
      if (!hostile) return;
      while (performance.now() < deadline) hostileMs.push((await post(system.gatewayUrl, hostile)).ms);
    };
    await Promise.all([...Array.from({ length: CONCURRENCY }, normalLoop), hostileLoop()]);
    const rate = latencies.length / SECONDS;
    return `| ${hostile ? `${HOSTILE} selections in a loop` : "none"} | ${latencies.length} (${rate.toFixed(0)}/s) | ${failures} | ${fmt(quantile(latencies, 0.5))} | ${fmt(quantile(latencies, 0.99))} | ${fmt(Math.max(...latencies))} | ${hostile ? `${hostileMs.length}, median ${fmt(median(hostileMs))}` : "–"} |`;
  }
  for (let i = 0; i < 50; i += 1) await post(system.gatewayUrl, NORMAL, auth, false); // warm-up
  console.log(`\nnormal traffic: ${NORMAL} through the gateway as an officer, ${CONCURRENCY} in flight, ${SECONDS} s per phase`);
  console.log("| hostile documents | normal requests | failed | p50 | p99 | max | hostile answered |");
  console.log("|---|---|---|---|---|---|---|");
  console.log(await traffic(undefined));
  if (HOSTILE !== "none") console.log(await traffic(documents[HOSTILE]));
} finally {
  console.log(`\nload average at end: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  await system.stop();
}
