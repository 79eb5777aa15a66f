/**
 * Node options per kind of service process (issue 12), before the run's own (`nodeArgs`,
 * `JG_NODE_ARGS`, which apply to every process and, coming later on the command line, win). Each kind
 * has its own defaults, so that an option measured for one kind of process is not imposed on another
 * (a PGlite process holds a WebAssembly PostgreSQL; the gateway and a province on PostgreSQL do not).
 * `JG_NODE_ARGS_<KIND>` (the kind upper-cased, `-` as `_`: `JG_NODE_ARGS_GATEWAY`,
 * `JG_NODE_ARGS_PROVINCE_POSTGRES`, `JG_NODE_ARGS_PGLITE`) replaces a kind's defaults; `none` for none.
 *
 * `--max-semi-space-size=2` (4 for the gateway) caps each of V8's two young-generation semi-spaces at 2 MB instead of
 * letting them grow to 16 MB: after start, a service's young generation held 5–12 MB live of 32 MB
 * reserved and touched. `--optimize-for-size` (V8 prefers smaller code and heap over speed) took the
 * gateway from about 135 to 115 MB after load but cost 2 ms of its CPU per query (5.3 → 7.3), doubled its
 * sequential p99 (21–23 → 50–55 ms) and multiplied its idle CPU by five (4 → 19–26 ms a second): not a
 * default (quiet-machine A/B at the end of the 2026-12-05 session); `JG_NODE_ARGS_GATEWAY` can add it.
 * What each saves and costs is in bench/README.md (footprint, run 6).
 */
export type NodeOptionsKind = "gateway" | "province-postgres" | "pglite";

const DEFAULTS: Readonly<Record<NodeOptionsKind, readonly string[]>> = {
  // `--expose-gc`: the gateway runs one full collection once started (gateway/src/startup-gc.ts): RSS at
  // rest without the startup's garbage, nothing per request (bench/README.md "Gateway memory, this session").
  // `--max-semi-space-size=4` (was 2, issue 12): under 16 queries in flight, 2 MB semi-spaces promote
  // live request objects early and the old generation grew to 188–193 MB after load, 159–161 with 4 (143–148
  // with 8); at rest after seeding 113–114 MB with 4 against 110–112 with 2 (8: 122–124, past the 120 MB goal),
  // and CPU per query no worse (bench/README.md, "The gateway's semi-space under load").
  gateway: ["--max-semi-space-size=4", "--expose-gc"],
  // A province process on PostgreSQL (no PGlite): ~130 MB → ~97 MB right after ready.
  "province-postgres": ["--max-semi-space-size=2"],
  // A process holding PGlite databases (Chongqing, a province process or a shard host on PGlite): 8 MB
  // semi-spaces took an empty province process from 201–208 to 176–190 MB and Chongqing from 252–262 to
  // 235–247 for about 1 ms more CPU per query in Chongqing and 0.5 ms in each shard host (+4 % in all);
  // 4 MB saved 10 MB more at 15–30 % (bench/README.md, footprint runs 7 and 8).
  pglite: ["--max-semi-space-size=8"],
};

/**
 * Environment variables per kind of process (issue 12), under the launcher's own environment: a variable
 * the launcher's environment sets is passed as it is, and `JG_SERVICE_ENV_<KIND>=none` drops a kind's.
 *
 * The gateway: glibc's malloc thresholds fixed at 1 MB (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`).
 * glibc starts at 128 kB and raises both each time a mapped block above the threshold is freed; in the
 * gateway such blocks are the zones of V8's optimizing compiler at startup, the largest 2.2 MB (undici's
 * WebAssembly HTTP parser), after which the arenas trimmed nothing below 4.4 MB free: they kept 8–14 MB
 * of freed memory, varying run to run, so that the gateway measured 113–121 MB at rest after seeding at
 * N = 7 (with its collection at rest, gateway/src/startup-gc.ts, 101–112). Fixed at 1 MB: 99–102 with
 * that collection. At 128 kB for both it measured 95–97, but every request then gave memory back and
 * faulted it in again (page faults under load ×5, `madvise` ×10: CPU); at 1 MB the load's page faults
 * were 1.4 per socket write against 0.7 with glibc's own thresholds and 3.3 at 128 kB, the `madvise`
 * calls as many as with glibc's (strace and perf over 10 s of `pnpm sim load`). A fixed mmap threshold
 * alone (trimming at 32 MB) saved nothing: the memory is the arenas' free tops. Figures in the commit
 * that set these.
 */
const ENV_DEFAULTS: Readonly<Record<NodeOptionsKind, Readonly<Record<string, string>>>> = {
  gateway: { MALLOC_MMAP_THRESHOLD_: "1048576", MALLOC_TRIM_THRESHOLD_: "1048576" },
  "province-postgres": {},
  pglite: {},
};

/** The environment of a kind of process: its defaults (`ENV_DEFAULTS`) less what `env` (the launcher's) sets; none with `JG_SERVICE_ENV_<KIND>=none`. */
export function serviceEnv(kind: NodeOptionsKind, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (env[`JG_SERVICE_ENV_${kindKey(kind)}`]?.trim() === "none") return {};
  return Object.fromEntries(Object.entries(ENV_DEFAULTS[kind]).filter(([name]) => env[name] === undefined));
}

const kindKey = (kind: NodeOptionsKind) => kind.toUpperCase().replaceAll("-", "_");

/** The node options of a kind of process before the run's: `JG_NODE_ARGS_<KIND>` if set, else the kind's defaults. */
export function serviceNodeArgs(kind: NodeOptionsKind, env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env[`JG_NODE_ARGS_${kindKey(kind)}`]?.trim();
  if (override === undefined || override === "") return [...DEFAULTS[kind]];
  return override === "none" ? [] : override.split(/\s+/);
}
