/**
 * Where an empty province shard process's memory goes (issue 12): starts one shard as its own process
 * (compiled, PGlite, as `LAYOUT=process` runs it; its home platform URL points nowhere: an empty shard
 * sends nothing), waits, then reports its RSS by kind of mapping from /proc/<pid>/smaps and the
 * process's own `process.memoryUsage()` (bench/mem-report.mjs, preloaded). Variants of node options
 * and environment run in turn, alternating, `--repeat` times. Run on demand, never as a test (Linux).
 *
 *   npx tsx bench/shard-memory.bench.ts
 *   npx tsx bench/shard-memory.bench.ts --variants "none|--liftoff-only|MALLOC_ARENA_MAX=2" --repeat 3
 *
 * A variant is a space-separated list of node options (`--x`) and environment settings (`NAME=value`);
 * "none" for neither. `--settle` is how long after ready it is measured (default 10s). `--top` lists the
 * largest mappings of the first run.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureServicesBuilt, generateSystemKeys, ManagedProcess } from "@jg/cluster";
import { cpuMs } from "./proc-meter";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";
const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "none" },
    repeat: { type: "string", default: "1" },
    settle: { type: "string", default: "10" },
    top: { type: "boolean", default: false },
  },
});

interface Mapping { range: string; perms: string; path: string; sizeKb: number; rssKb: number; anonKb: number }

function smaps(pid: number): Mapping[] {
  const out: Mapping[] = [];
  let cur: Mapping | undefined;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^([0-9a-f]+-[0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      cur = { range: head[1]!, perms: head[2]!, path: head[3] ?? "", sizeKb: 0, rssKb: 0, anonKb: 0 };
      out.push(cur);
      continue;
    }
    const field = /^(\w+):\s+(\d+) kB/.exec(line);
    if (!field || !cur) continue;
    if (field[1] === "Size") cur.sizeKb = Number(field[2]);
    if (field[1] === "Rss") cur.rssKb = Number(field[2]);
    if (field[1] === "Anonymous") cur.anonKb = Number(field[2]);
  }
  return out;
}

/** A mapping's kind: file-backed, the brk heap (malloc), executable anonymous (V8 code: WASM and JS),
 * a reservation ≥ 1 GB (WASM linear memory with its guard regions), or other anonymous (V8 heap, malloc arenas, buffers). */
function kind(m: Mapping): string {
  if (m.path === "[heap]") return "brk heap (malloc)";
  if (m.path.startsWith("/")) return "file-backed";
  if (m.path.startsWith("[")) return "other ([stack], [vdso]…)";
  if (m.perms.includes("x")) return "anon executable (V8 code)";
  if (m.sizeKb >= 1024 * 1024) return "anon ≥ 1 GB reservation (WASM memory)";
  return "anon other (V8 heap, malloc arenas, buffers)";
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;
const settleMs = Number(values.settle) * 1000;
await ensureServicesBuilt();
const keys = generateSystemKeys(["51"]);
const variants = values.variants.split("|").map((v) => v.trim());
const report = new URL("./mem-report.mjs", import.meta.url).href;
const results: Record<string, Array<Record<string, number>>> = {};
for (let r = 0; r < Number(values.repeat); r++) {
  for (const variant of variants) {
    const words = variant === "none" ? [] : variant.split(" ").filter(Boolean);
    const nodeArgs = words.filter((w) => w.startsWith("--"));
    const env = Object.fromEntries(words.filter((w) => !w.startsWith("--")).map((w) => w.split("=", 2) as [string, string]));
    const tmp = mkdtempSync(join(tmpdir(), "jg-shard-mem-"));
    const memFile = join(tmp, "mem.json");
    // DATA_DIR=tmp in a variant means a data folder in this run's temporary directory.
    if (env["DATA_DIR"] === "tmp") env["DATA_DIR"] = join(tmp, "data");
    const p = new ManagedProcess({
      name: "province-51",
      entry: join(process.cwd(), "dist/services/province.mjs"),
      nodeArgs: ["--import", report, ...nodeArgs],
      env: {
        PROVINCE_CODE: "51", PORT: "0", LOG_LEVEL: "warn", JG_MEM_REPORT: memFile,
        SIGNING_KEY: keys.privateKeys["province-51"]!, KEY_DIRECTORY: JSON.stringify(keys.directory),
        HOME_PLATFORM_URL: "http://127.0.0.1:9", ...env,
      },
      reportsPorts: true,
      healthUrl: (ports) => `http://127.0.0.1:${ports["main"]}/healthz`,
      logFile: join(tmp, "log.txt"),
    });
    const t0 = performance.now();
    await p.start(300_000);
    const readyS = (performance.now() - t0) / 1000;
    const pid = p.pid!;
    const startCpuS = cpuMs(pid) / 1000;
    await new Promise((res) => setTimeout(res, settleMs));
    const maps = smaps(pid);
    const byKind: Record<string, number> = {};
    for (const m of maps) byKind[kind(m)] = (byKind[kind(m)] ?? 0) + m.rssKb;
    const mem = JSON.parse(readFileSync(memFile, "utf8")) as NodeJS.MemoryUsage & { spaces: Record<string, number> };
    const row: Record<string, number> = {
      rssMb: mb(maps.reduce((a, m) => a + m.rssKb, 0)),
      anonMb: mb(maps.reduce((a, m) => a + m.anonKb, 0)),
      ...Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, mb(v)])),
      heapTotalMb: mb(mem.heapTotal / 1024), heapUsedMb: mb(mem.heapUsed / 1024), externalMb: mb(mem.external / 1024), arrayBuffersMb: mb(mem.arrayBuffers / 1024),
      codeSpaceMb: mb((mem.spaces["code_space"] ?? 0) / 1024),
      readyS: +readyS.toFixed(1), startCpuS: +startCpuS.toFixed(2), threads: Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]),
    };
    (results[variant] ??= []).push(row);
    console.log(JSON.stringify({ variant, ...row }));
    if (values.top && r === 0) {
      // Address order, so a reservation's committed part is seen next to its inaccessible rest.
      for (const m of maps) if (m.rssKb >= 512 || m.sizeKb >= 32 * 1024) console.log(`  ${m.range.split("-")[0]} ${m.perms} ${mb(m.sizeKb)} MB size, ${mb(m.rssKb)} MB rss ${m.path}`);
    }
    await p.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
console.log("\nmedian per variant:");
for (const [variant, rows] of Object.entries(results)) {
  const median = (k: string) => { const xs = rows.map((x) => x[k] ?? 0).sort((a, b) => a - b); return xs[Math.floor(xs.length / 2)]; };
  console.log(`${variant}: rss ${median("rssMb")} MB, anon ${median("anonMb")}, V8 heapTotal ${median("heapTotalMb")}, external ${median("externalMb")}, ready ${median("readyS")} s, start CPU ${median("startCpuS")} s (n=${rows.length})`);
}
