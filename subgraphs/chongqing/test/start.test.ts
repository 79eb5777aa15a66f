/**
 * The process entry (src/index.ts) starts the platform subgraph and Chongqing's province shard 50 on
 * PGlite or PostgreSQL, and the shard's "recorded" messages reach the platform's inbox: the
 * end-to-end path of docs/design.md §4 step 1 through real processes and HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { provinceServiceName } from "@jg/handoff";
import { bearer, signIdentity, signServiceToken, type Identity } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlatformDatabase } from "../src/db/database";
import { seedVehicle } from "../src/seed";
import { EDGE, SIMULATOR, TEST_KEYS } from "./keys";

const root = fileURLToPath(new URL("../../../", import.meta.url));

type Started = { child: ChildProcess; platformUrl: string; shardUrl: string };

/** Spawns the entry with tsx and waits for both "listening" log lines. */
function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "subgraphs/chongqing/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      SHARD50_PORT: "0",
      LOG_LEVEL: "info",
      APOLLO_TELEMETRY_DISABLED: "1",
      SIGNING_KEY: TEST_KEYS.privateKeys["home-platform"]!,
      SHARD50_SIGNING_KEY: TEST_KEYS.privateKeys["province-50"]!,
      KEY_DIRECTORY: JSON.stringify(TEST_KEYS.directory),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    const urls: { platform?: string; shard?: string } = {};
    const stderr: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`entry exited with ${code}: ${stderr.join("")}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === "platform subgraph listening") urls.platform = entry.url;
        if (entry.msg === "province shard listening") urls.shard = entry.url;
      } catch {
        return;
      }
      if (urls.platform && urls.shard) resolve({ child, platformUrl: urls.platform, shardUrl: urls.shard });
    });
  });
}

async function graphql<T>(url: string, identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const header = await signIdentity(identity, { signer: EDGE });
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-jg-identity": header },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as T;
}

for (const engine of testEngines()) {
  describe(`the Chongqing process on ${engine.name}`, () => {
    let started: Started;
    let platformDbUrl: string | undefined;
    beforeAll(async () => {
      platformDbUrl = await engine.create();
      const shardDbUrl = await engine.create();
      started = await start({ DATABASE_URL: platformDbUrl ?? "", SHARD50_DATABASE_URL: shardDbUrl ?? "", SHARD50_RELAY_INTERVAL_MS: "0" });
    }, 60_000);
    afterAll(async () => {
      if (started?.child.exitCode === null) {
        const exited = new Promise((resolve) => started.child.once("exit", resolve));
        started.child.kill("SIGTERM");
        await exited;
      }
      await engine.cleanup();
    });

    it("serves the platform subgraph and shard 50", async () => {
      expect((await fetch(`${started.platformUrl}/healthz`)).status).toBe(200);
      expect((await fetch(`${started.shardUrl}/healthz`)).status).toBe(200);
      const me = await graphql<{ errors?: { extensions?: { code?: string } }[] }>(started.platformUrl, { kind: "OFFICER", officerId: "o", provinceCode: "50" }, "{ me { id } }");
      expect(me.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    });

    it.runIf(engine.name === "postgres")("indexes a violation recorded on shard 50 under the vehicle (docs/design.md §4 step 1)", async () => {
      const database = await openPlatformDatabase({ url: platformDbUrl });
      try {
        await seedVehicle(database.db, { plate: "渝A5E001", ownerIdNumber: "500101199001010011", ownerName: "端到端" });
      } finally {
        await database.close();
      }
      const camera = { kind: "CAMERA" as const, systemId: "cam-cq-e2e", provinceCode: "50" };
      const recorded = await graphql<{ data?: { recordViolation: { ok: boolean; violation: { id: string } } } }>(
        started.shardUrl,
        camera,
        "mutation($input: RecordViolationInput!) { recordViolation(input: $input) { ok violation { id } } }",
        {
          input: {
            province: "50",
            sourceRecordKey: `e2e-${Date.now()}`,
            plate: "渝A5E001",
            plateType: "02",
            code: "1116",
            occurredAt: new Date(Date.now() - 3600_000).toISOString(),
            location: "重庆市渝中区解放碑",
            source: "CAMERA",
            agencyAreaCode: "500101",
          },
        },
      );
      const id = recorded.data?.recordViolation.violation.id;
      expect(id).toMatch(/^50\d{14}$/);
      const officer = { kind: "OFFICER" as const, officerId: "o", provinceCode: "50" };
      // The shard's relay does not poll here (SHARD50_RELAY_INTERVAL_MS=0): one tick sends the message,
      // and the platform has stored it when the tick answers.
      const tick = await fetch(`${started.shardUrl}/internal/tick`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: bearer(await signServiceToken(provinceServiceName("50"), SIMULATOR, new Date())) },
        body: "{}",
      });
      expect(tick.status).toBe(200);
      const res = await graphql<{ data?: { vehicle: { violations: { id: string }[] } } }>(started.platformUrl, officer, '{ vehicle(plate: "渝A5E001") { violations { id } } }');
      const ids = res.data?.vehicle.violations.map((v) => v.id) ?? [];
      expect(ids).toEqual([id]);
    });
  });
}
