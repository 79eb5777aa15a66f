/**
 * Full garbage collections the gateway asks for itself (issue 12), when the process runs with
 * `--expose-gc` (the gateway's default node options, `packages/cluster/src/node-options.ts`); without
 * it (JG_NODE_ARGS_GATEWAY=none) neither does anything.
 *
 * - Once started (`collectStartupGarbage`): building the supergraph, the query planner and the province
 *   subgraph at startup leaves V8's old space at about 44 MB committed for about 33 MB live; V8 keeps
 *   that size until a later collection it has no reason to make while the gateway is at rest. One
 *   collection at startup (about 15–30 ms, once) gives the pages back.
 * - Once at rest after serving (`collectAtRest`): requests leave V8's young generation grown to its cap
 *   (`--max-semi-space-size=4`: 8 MB, two 4 MB semi-spaces) and garbage in the old space, which V8
 *   keeps while nothing allocates. A full collection `quietMs` after the last GraphQL request shrinks
 *   the young generation to 1 MB (V8 shrinks it when the allocation rate since the last collection is
 *   low, which 5 s of quiet makes it) and frees the old space's garbage: 8–9 MB less at rest after
 *   seeding at N = 7 (old space 35 → 32.5 MB committed, young generation 8 → 1 MB), for about 45–55 ms
 *   of CPU once per quiet period. At most one per `minIntervalMs`, so requests arriving just slower
 *   than `quietMs` cost at most one collection a minute; under load no quiet period comes and it never
 *   runs (`pnpm sim load`, `--trace-gc`: no full collection during the load). A request costs one clock read.
 *   footprint.bench.ts's idle window (5 s, from 3 s after seeding) catches that one collection: the
 *   gateway's idle CPU there reads about 1 s a minute instead of 0.2; over a longer rest it is once.
 */
export function collectStartupGarbage(gc: (() => void) | undefined = exposedGc()): boolean {
  if (!gc) return false;
  gc();
  return true;
}

export interface RestCollector {
  /** Called at every GraphQL request: the gateway is not at rest. */
  activity(): void;
  /** How many collections at rest have run. */
  readonly collections: number;
}

export interface RestCollectorOptions {
  /** The full collection (default `globalThis.gc`, present with `--expose-gc`); absent: nothing is done. */
  gc?: (() => void) | undefined;
  /** Time without a request before the collection, ms (default 5 000: V8 judges the allocation rate over 5 s). */
  quietMs?: number;
  /** Least time between two collections at rest, ms (default 60 000). */
  minIntervalMs?: number;
  /** Milliseconds clock (default `performance.now`). */
  now?: () => number;
}

export function collectAtRest(options: RestCollectorOptions = {}): RestCollector {
  const gc = "gc" in options ? options.gc : exposedGc();
  const { quietMs = 5_000, minIntervalMs = 60_000, now = () => performance.now() } = options;
  let lastActivity = 0;
  let lastCollection = -Infinity;
  let armed = false;
  let collections = 0;
  const check = () => {
    const t = now();
    const quietFor = t - lastActivity;
    const sinceCollection = t - lastCollection;
    if (quietFor >= quietMs && sinceCollection >= minIntervalMs) {
      armed = false;
      gc!();
      collections += 1;
      lastCollection = now();
      return;
    }
    // Still serving, or too soon after the last collection: look again once both could hold.
    setTimeout(check, Math.max(quietMs - quietFor, minIntervalMs - sinceCollection)).unref();
  };
  return {
    activity: gc
      ? () => {
          lastActivity = now();
          if (armed) return;
          armed = true;
          setTimeout(check, quietMs).unref();
        }
      : () => {},
    get collections() {
      return collections;
    },
  };
}

function exposedGc(): (() => void) | undefined {
  return (globalThis as { gc?: () => void }).gc;
}
