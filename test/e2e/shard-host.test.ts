/**
 * Issue 12: several provinces in one shard host behave as separate processes do. Provinces 51 and 52
 * share one host process; stopping, slowing or dropping the handoff messages of 51 leaves 52 answering
 * normally (through the gateway, and its handoff to the home platform delivered), and 51 comes back.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessTokenFor, audienceOf, gatewayGraphQL, internalPost, launcherToken, serviceEnv, serviceNodeArgs, type HostedShard } from "@jg/cluster";
import { bearer, type Identity } from "@jg/identity";
import { eventually, startE2eSystem, type E2eSystem } from "../support/e2e-system";
import { VIOLATION, type ViolationAnswer } from "../support/queries";

const START = new Date("2026-11-24T02:00:00.000Z");
const FAULTS_PATH = "/internal/faults";
type FaultState = { latencyMs: number; dropHandoff: number; lost: { requests: number; acks: number } };
type ProvinceAudit = { outbox: { messageId: string; deliveredAt: string | null }[] };

let e2e: E2eSystem;

beforeAll(async () => {
  e2e = await startE2eSystem({ provinces: ["51", "52"], start: START, layout: "host", shardHosts: 1 });
  expect(e2e.seeded.failures).toEqual([]);
}, 400_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

/** A violation of the citizen's recorded in `province` (the demo population has one in each). */
function violationIn(province: string): string {
  const v = e2e.population.violations.find((x) => x.provinceCode === province && e2e.population.cast!.citizenPlate === x.plate)
    ?? e2e.population.violations.find((x) => x.provinceCode === province);
  if (!v) throw new Error(`no violation in ${province}`);
  return e2e.seeded.violationIds[v.sourceRecordKey]!;
}

const faults = (code: string, set: Record<string, number>) =>
  internalPost<FaultState>(e2e.system.shards[code]!, FAULTS_PATH, audienceOf(`province-${code}`), set, e2e.system.keys, e2e.now());

async function officerRead(id: string): Promise<{ ms: number; status: string | undefined; errors: unknown }> {
  const province = id.slice(0, 2);
  const officer: Identity = { kind: "OFFICER", officerId: `officer-${province}`, provinceCode: province };
  const token = await accessTokenFor(officer, e2e.system.keys, e2e.now());
  const t0 = performance.now();
  const res = await gatewayGraphQL<ViolationAnswer>(e2e.system.gatewayUrl, VIOLATION, { id }, { token });
  return { ms: performance.now() - t0, status: res.data?.violation?.status, errors: res.errors };
}

async function audit(code: string): Promise<ProvinceAudit> {
  const token = await launcherToken(audienceOf(`province-${code}`), e2e.system.keys, e2e.now());
  const res = await fetch(`${e2e.system.shards[code]}/internal/audit`, { headers: { authorization: bearer(token) } });
  return (await res.json()) as ProvinceAudit;
}

describe("a shard host serving provinces 51 and 52", () => {
  it("runs both provinces in one process, each at its own URL", () => {
    expect(e2e.system.layout).toBe("host");
    const s51 = e2e.system.services.get("province-51") as HostedShard;
    const s52 = e2e.system.services.get("province-52") as HostedShard;
    expect(s51.pid).toBeDefined();
    expect(s51.pid).toBe(s52.pid);
    expect(e2e.system.shards["51"]).not.toBe(e2e.system.shards["52"]);
  });

  it.skipIf(process.platform !== "linux" || process.env["JG_NODE_ARGS_GATEWAY"] !== undefined)(
    "issue 12: the gateway process starts with its own node options (packages/cluster/src/node-options.ts)",
    () => {
      const args = readFileSync(`/proc/${e2e.system.processes.get("gateway")!.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const own = serviceNodeArgs("gateway", {});
      expect(own).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
      for (const option of own) {
        expect(args).toContain(option);
        expect(args.indexOf(option)).toBeLessThan(args.length - 1); // a node option, before the entry
      }
    },
  );

  it.skipIf(process.platform !== "linux" || Object.keys(serviceEnv("gateway", {})).some((name) => process.env[name] !== undefined) || process.env["JG_SERVICE_ENV_GATEWAY"] !== undefined)(
    "issue 12: the gateway process, and it alone, starts with its kind's environment (glibc's malloc thresholds fixed, node-options.ts)",
    () => {
      const environ = (name: string) => readFileSync(`/proc/${e2e.system.processes.get(name)!.pid}/environ`, "utf8").split("\0");
      const own = Object.entries(serviceEnv("gateway", {}));
      expect(own.length).toBeGreaterThan(0);
      for (const [name, value] of own) {
        expect(environ("gateway")).toContain(`${name}=${value}`);
        for (const other of ["chongqing", "shard-host-1"]) expect(environ(other).filter((v) => v.startsWith(`${name}=`)), other).toEqual([]);
      }
    },
  );

  it.skipIf(process.platform !== "linux" || process.env["JG_NODE_ARGS_PGLITE"] !== undefined)(
    "issue 12: Chongqing and the shard hosts (PGlite) start with the PGlite processes' node options",
    () => {
      for (const name of ["chongqing", "shard-host-1"]) {
        const args = readFileSync(`/proc/${e2e.system.processes.get(name)!.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        expect(args.indexOf("--max-semi-space-size=8"), name).toBeGreaterThan(-1);
        expect(args.indexOf("--max-semi-space-size=8"), name).toBeLessThan(args.length - 1);
      }
    },
  );

  it("DESIGN §3: stopping province 51 stops its shard only; 52 in the same process answers; 51 comes back", async () => {
    const s51 = e2e.system.services.get("province-51")!;
    const hostPid = s51.pid;
    await s51.stop();
    try {
      expect(s51.status).toBe("stopped");
      await expect(fetch(`${e2e.system.shards["51"]}/healthz`)).rejects.toThrow();
      expect((await fetch(`${e2e.system.shards["52"]}/healthz`)).status).toBe(200);
      const read52 = await officerRead(violationIn("52"));
      expect(read52.errors).toBeUndefined();
      expect(read52.status).toBeDefined();
      const read51 = await officerRead(violationIn("51"));
      expect(JSON.stringify(read51.errors)).toContain("PROVINCE_UNAVAILABLE");
    } finally {
      await s51.start(120_000);
      await e2e.moveTo(e2e.now());
    }
    expect(e2e.system.services.get("province-52")!.pid).toBe(hostPid);
    const again = await eventually(e2e, () => officerRead(violationIn("51")), (r) => r.errors === undefined, 40);
    expect(again.errors).toBeUndefined();
  }, 240_000);

  it("slowing province 51 by 2 s leaves 52's answers fast", async () => {
    await faults("51", { latencyMs: 2_000 });
    try {
      const slow = await officerRead(violationIn("51"));
      expect(slow.ms).toBeGreaterThanOrEqual(2_000);
      const fast = await officerRead(violationIn("52"));
      expect(fast.errors).toBeUndefined();
      expect(fast.ms).toBeLessThan(1_500);
    } finally {
      await faults("51", { latencyMs: 0 });
    }
  }, 60_000);

  it("R-SYNC-1: province 51 losing its handoff messages does not hold back 52's", async () => {
    await faults("51", { dropHandoff: 1_000 });
    try {
      const record = async (province: string, n: number) => {
        const template = e2e.population.violations.find((v) => v.provinceCode === province && v.source === "CAMERA")!;
        const camera: Identity = { kind: "CAMERA", systemId: `cam-${province}`, provinceCode: province };
        const res = await gatewayGraphQL<{ recordViolation: { ok: boolean; violation: { id: string } | null } }>(
          e2e.system.gatewayUrl,
          `mutation R($input: RecordViolationInput!) { recordViolation(input: $input) { ok violation { id } } }`,
          {
            input: {
              province,
              sourceRecordKey: `host-test-${province}-${n}`,
              plate: template.plate,
              plateType: template.plateType,
              code: template.code,
              occurredAt: new Date(e2e.now().getTime() - 3_600_000).toISOString(),
              location: template.location,
              source: "CAMERA",
              agencyAreaCode: template.agencyAreaCode,
            },
          },
          { token: await accessTokenFor(camera, e2e.system.keys, e2e.now()) },
        );
        expect(res.data?.recordViolation.ok, JSON.stringify(res)).toBe(true);
      };
      await record("51", 1);
      await record("52", 1);
      const pending = (a: ProvinceAudit) => a.outbox.filter((m) => m.deliveredAt === null).length;
      const a52 = await eventually(e2e, () => audit("52"), (a) => pending(a) === 0, 20);
      expect(pending(a52)).toBe(0);
      const state51 = await faults("51", {});
      expect(state51.lost.requests).toBeGreaterThan(0);
      expect(pending(await audit("51"))).toBeGreaterThan(0);
      const state52 = await faults("52", {});
      expect(state52.lost.requests).toBe(0);
    } finally {
      await faults("51", { dropHandoff: 0 });
    }
  }, 120_000);
});
