/**
 * The whole system as real processes on loopback (docs/design.md §2): the Chongqing process (platform
 * subgraph + province shard 50), the other provinces, and the gateway, each province with its own
 * database: embedded PGlite (in a temporary folder removed at stop, in memory, or a data folder under
 * `dataRoot` for a persistent run: pglite-storage.ts) or a
 * PostgreSQL database created for it on a given server. Used by `npm start`, the end-to-end tests and
 * the simulator, so all three run what a deployment runs.
 *
 * Two layouts of the other provinces (issue 12; `layout`, default from `LAYOUT`, else "host"):
 * - "host": shard hosts (subgraphs/other-province/src/host.ts), each a process serving several
 *   provinces, each province with its own configuration, database and port; `shardHosts` processes
 *   (default `defaultShardHosts`: one per two cores, at least one) share the provinces. Stopping a province stops only its shard.
 * - "process": one process per province, as a deployment runs them.
 * Either way every province is reachable at its own URL and configured by `provinceShardEnv`
 * (service-env.ts).
 *
 * Ports: every service binds port 0 and reports the ports it got in its ready message over IPC
 * (@jg/service-kit's ready-message.ts; issue 15), so no port is chosen by the launcher and bound later
 * by a child (a race with anything else on the machine); the one exception is Hive Gateway's CLI, which
 * cannot report, so `unusedPort` picks its port. Chongqing starts first (the provinces need its
 * URL), then the provinces, then the gateway with every URL; a restarted service binds the port it had.
 * Only `gatewayPort` (`npm start`'s 4000) is fixed by the caller.
 *
 * Services run compiled JavaScript (build.ts, rebuilt when a source changed) unless `runtime` (or
 * `JG_RUNTIME`) is "tsx". Provinces in the process layout start a few at a time (`startConcurrency`):
 * a start is CPU-bound, and all 30 at once on a 2-core machine would make each one's health timeout
 * measure the queue rather than the service. `p-map` (a dependency for this alone) bounds that.
 */
import { createServer, type AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pMap from "p-map";
import { ensureServicesBuilt, entryPath } from "./build";
import { createDatabases, dropDatabases } from "./databases";
import { serviceEnv, serviceNodeArgs } from "./node-options";
import { HostedShard, type ServiceHandle } from "./hosted-shard";
import { pgliteStorageFor, temporaryDataRoot } from "./pglite-storage";
import { ManagedProcess, type ServiceSpec } from "./process";
import { defaultEdge, generateSystemKeys } from "./secrets";
import type { RunningSystem, SystemOptions } from "./system-options";
import { assignHosts, chongqingEnv, commonEnv, defaultLayout, defaultRuntime, defaultShardHosts, gatewayEnv, hiveGatewayEnv, provinceShardEnv, routerEnv, type EnvContext } from "./service-env";

export { assignHosts, defaultLayout, defaultRuntime, defaultShardHosts, type Layout, type Runtime } from "./service-env";
export type { RunningSystem, SystemOptions } from "./system-options";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const local = (port: number | undefined) => `http://127.0.0.1:${port}`;
const health = (label: string) => (ports: Record<string, number>) => `${local(ports[label])}/healthz`;
/** The port a service reported under `label` (after its start). */
function reported(p: ManagedProcess, label: string): number {
  const port = p.ports?.[label];
  if (!port) throw new Error(`${p.spec.name} reported no port "${label}"`);
  return port;
}

/** A port nothing listens on now (for the one service that cannot report its own: Hive Gateway's CLI). */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the system; resolves once every service is healthy. Stops what it started if any fails. */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const provinces = [...new Set(options.provinces.filter((p) => p !== "50"))];
  const layout = options.layout ?? defaultLayout();
  const runtime = options.runtime ?? defaultRuntime();
  if (runtime === "compiled") await ensureServicesBuilt();
  const edge = options.edge ?? defaultEdge();
  if (edge === "hive-gateway" && options.virtualClockStart) throw new Error("Hive Gateway has no virtual clock: EDGE=hive-gateway runs on the system clock");
  const keys = options.keys ?? generateSystemKeys(provinces, edge);
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dbNames = options.postgresAdminUrl
    ? ["platform", "p50", ...provinces.map((p) => `p${p}`)].map((n) => `jg_${runId}_${n}`)
    : [];
  const dbUrls = options.postgresAdminUrl ? await createDatabases(options.postgresAdminUrl, dbNames) : {};
  // PGlite's files in a temporary folder, unless the run names one or keeps them in memory (pglite-storage.ts).
  const storage = options.postgresAdminUrl || options.dataRoot ? undefined : pgliteStorageFor(provinces.length + 2);
  const temporary = storage === "disk" ? temporaryDataRoot() : undefined;
  const dataRoot = options.dataRoot ?? temporary?.path;

  const ctx: EnvContext = {
    keys,
    deliveryDelayMs: options.deliveryDelayMs ?? 0,
    ...(options.virtualClockStart ? { virtualClockStart: options.virtualClockStart } : {}),
    ...(options.env ? { extra: options.env } : {}),
    signingKey: (service) => {
      const key = keys.privateKeys[service];
      if (!key) throw new Error(`no key for ${service} in the run's keys`);
      return key;
    },
    dbUrl: (suffix) => dbUrls[`jg_${runId}_${suffix}`],
    dataDir: (name) => (dataRoot ? join(dataRoot, name) : undefined),
  };
  const common = commonEnv(ctx);
  const log = (name: string) => (options.logDir ? join(options.logDir, `${name}.log`) : undefined);
  const nodeArgs = options.nodeArgs ?? (process.env["JG_NODE_ARGS"] ?? "").split(" ").filter(Boolean);
  /** A service that binds port 0 and reports its ports; `restartEnv` keeps them for a restart. */
  const spec = (s: Pick<ServiceSpec, "name" | "env"> & { restartEnv: (ports: Record<string, number>) => Record<string, string> }): ServiceSpec => ({
    name: s.name,
    env: s.env,
    entry: "",
    cwd: repoRoot,
    logFile: log(s.name),
    nodeArgs,
    reportsPorts: true,
    healthUrl: health("main"),
    onReady: s.restartEnv,
  });
  const entry = (name: Parameters<typeof entryPath>[0]) => entryPath(name, runtime);

  const services = new Map<string, ServiceHandle>();
  const processes = new Map<string, ManagedProcess>();
  const add = (name: string, p: ManagedProcess) => {
    processes.set(name, p);
    services.set(name, p);
  };
  const stop = async () => {
    await Promise.allSettled([...processes.values()].reverse().map((s) => s.stop()));
    if (options.postgresAdminUrl) await dropDatabases(options.postgresAdminUrl, dbNames);
    temporary?.remove();
  };
  const timeout = options.startTimeoutMs ?? 90_000;
  // A process that holds PGlite databases (all but the gateway, unless the run is on PostgreSQL): its kind's options (node-options.ts).
  const pgliteArgs = options.postgresAdminUrl ? {} : { nodeArgs: [...serviceNodeArgs("pglite"), ...nodeArgs] };
  try {
    // Chongqing first: every province hands off to it, so their configuration names its URL.
    const chongqing = new ManagedProcess({
      ...spec({
        name: "chongqing",
        env: { ...common, ...chongqingEnv(ctx, keys.codeSecret) },
        restartEnv: (ports) => ({ PORT: String(ports["main"]), SHARD50_PORT: String(ports["50"]) }),
      }),
      entry: entry("chongqing"),
      ...pgliteArgs,
    });
    add("chongqing", chongqing);
    await chongqing.start(timeout);
    const platformUrl = local(reported(chongqing, "main"));
    const shards: Record<string, string> = { "50": local(reported(chongqing, "50")) };

    if (layout === "process") {
      for (const code of provinces) {
        const env = { ...common, ...provinceShardEnv(ctx, code, platformUrl) };
        add(
          `province-${code}`,
          new ManagedProcess({
            ...spec({ name: `province-${code}`, env, restartEnv: (ports) => ({ PORT: String(ports["main"]) }) }),
            entry: entry("province"),
            ...(options.postgresAdminUrl ? { nodeArgs: [...serviceNodeArgs("province-postgres"), ...nodeArgs] } : pgliteArgs),
          }),
        );
      }
      await pMap(provinces, (code) => processes.get(`province-${code}`)!.start(timeout), {
        concurrency: options.startConcurrency ?? Math.max(2, availableParallelism() * 2),
      });
      for (const code of provinces) shards[code] = local(reported(processes.get(`province-${code}`)!, "main"));
    } else {
      const hosts = assignHosts(provinces, options.shardHosts ?? defaultShardHosts());
      const hostProcesses = hosts.map((codes, i) => {
        const name = `shard-host-${i + 1}`;
        const shardEnvs = codes.map((code) => provinceShardEnv(ctx, code, platformUrl));
        const host = new ManagedProcess({
          ...spec({
            name,
            env: { ...common, PORT: "0", HOSTED_SHARDS: JSON.stringify(shardEnvs) },
            restartEnv: (ports) => ({
              PORT: String(ports["main"]),
              HOSTED_SHARDS: JSON.stringify(shardEnvs.map((e) => ({ ...e, PORT: String(ports[e["PROVINCE_CODE"]!]) }))),
            }),
          }),
          entry: entry("shard-host"),
          ...pgliteArgs,
        });
        processes.set(name, host);
        for (const code of codes) services.set(`province-${code}`, new HostedShard(`province-${code}`, code, host));
        return { host, codes };
      });
      // A host starts its shards one after another: its ready message waits for all of them.
      await Promise.all(hostProcesses.map(({ host, codes }) => host.start(timeout + 10_000 * codes.length)));
      for (const { host, codes } of hostProcesses) for (const code of codes) shards[code] = local(reported(host, code));
    }

    const timing = { shardTimeoutMs: options.shardTimeoutMs, breakerCoolDownMs: options.breakerCoolDownMs };
    if (edge === "hive-gateway") {
      const router = new ManagedProcess({
        ...spec({ name: "province-router", env: { ...common, ...routerEnv(ctx, platformUrl, shards, timing) }, restartEnv: (ports) => ({ PORT: String(ports["main"]) }) }),
        entry: entry("province-router"),
      });
      add("province-router", router);
      await router.start(timeout);
      const routerUrl = local(reported(router, "main"));
      // Hive Gateway's own CLI cannot send our ready message: it gets a port chosen here (the one
      // process that does) and is watched through its /healthcheck.
      const hivePort = options.gatewayPort ?? (await unusedPort());
      const hive = new ManagedProcess({
        name: "hive-gateway",
        env: { ...common, ...hiveGatewayEnv(ctx, hivePort, platformUrl, routerUrl) },
        entry: join(repoRoot, "deploy/hive-gateway/serve.mjs"),
        cwd: repoRoot,
        logFile: log("hive-gateway"),
        nodeArgs,
        healthUrl: `${local(hivePort)}/healthcheck`,
      });
      add("hive-gateway", hive);
      await hive.start(timeout);
      return { gatewayUrl: local(hivePort), edge, routerUrl, platformUrl, shards, keys, services, processes, layout, runtime, databases: dbNames, stop };
    }

    const gateway = new ManagedProcess({
      ...spec({
        name: "gateway",
        env: { ...serviceEnv("gateway"), ...common, ...gatewayEnv(ctx, options.gatewayPort ?? 0, platformUrl, shards, timing) },
        restartEnv: (ports) => ({ PORT: String(ports["main"]) }),
      }),
      entry: entry("gateway"),
      nodeArgs: [...serviceNodeArgs("gateway"), ...nodeArgs],
    });
    add("gateway", gateway);
    await gateway.start(timeout);
    const gatewayUrl = local(reported(gateway, "main"));
    return { gatewayUrl, edge, routerUrl: gatewayUrl, platformUrl, shards, keys, services, processes, layout, runtime, databases: dbNames, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
