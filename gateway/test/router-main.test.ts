/**
 * Issue 13: the standalone province router as a process (`npm run router`, gateway/bin/province-router.mjs),
 * configured from the environment, in front of two test shards: health, readiness, metrics, the identity a
 * fronting router may carry (and what it refuses with 401 before any shard is asked), `_service` and
 * introspection for the composer only (answered by the router itself), graceful shutdown.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bearer, COMPOSE_AUDIENCE, generateKeySet, IDENTITY_HEADER, KeyDirectory, signAccessToken, signerOf, signIdentity, signServiceToken, type Identity } from "@jg/identity";
import { isReadyMessage } from "@jg/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShard, type TestShard } from "./fixtures/province-shard";
import { PROVINCE_SDL } from "./fixtures/schemas";
import { violationId } from "./fixtures/system";

const BIN = fileURLToPath(new URL("../bin/province-router.mjs", import.meta.url));
const keys = generateKeySet([
  { service: "province-router", roles: ["composer"] },
  { service: "home-platform", roles: ["platform", "issuer"], alg: "ES256" },
  { service: "gateway", roles: ["edge", "composer"] },
  { service: "hive-gateway", roles: ["third-party-edge"] },
  { service: "province-51", roles: ["province"], province: "51" },
]);
const directory = new KeyDirectory(keys.directory);
const citizen: Identity = { kind: "CITIZEN", accountId: "a-1" };

let shards: TestShard[];
let child: ChildProcess;
let url: string;
let dir: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  shards = [await startShard("50", { directory }), await startShard("51", { directory })];
  dir = mkdtempSync(join(tmpdir(), "jg-router-"));
  writeFileSync(join(dir, "province.graphql"), PROVINCE_SDL);
  // Port 0 and the ready message (packages/service-kit/src/ready-message.ts), as the launcher starts it:
  // no port is picked here for the child to bind later.
  child = spawn(process.execPath, [BIN], {
    env: {
      ...process.env,
      PORT: "0",
      SHARDS: shards.map((s) => `${s.province}=${s.url}`).join(","),
      SIGNING_KEY: keys.privateKeys["province-router"],
      KEY_DIRECTORY: JSON.stringify(keys.directory),
      PROVINCE_SDL_PATH: join(dir, "province.graphql"),
      SHARD_RETRIES: "0",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (message) => {
      if (isReadyMessage(message) && message.ports["main"]) resolve(message.ports["main"]);
    });
    void exited.then((code) => reject(new Error(`the router exited (${code}) before it was ready`)));
  });
  url = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill("SIGKILL");
  for (const s of shards) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const ENTITIES = "query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Violation { id servedBy viewer } } }";
const representations = [{ __typename: "Violation", id: violationId("51", 1) }];
const post = async (headers: Record<string, string>, request: { query: string; variables?: unknown } = { query: ENTITIES, variables: { representations } }) => {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(request) });
  return { status: res.status, body: (await res.json()) as { data?: { _entities: Array<{ viewer: string } | null>; _service?: { sdl: string } }; errors?: Array<{ extensions?: { code?: string } }> } };
};

describe("the standalone province router as a service (issue 13)", () => {
  it("serves /healthz, /readyz (every shard checked with its composer key) and Prometheus /metrics", async () => {
    expect((await (await fetch(`${url}/healthz`)).json()) as unknown).toMatchObject({ status: "ok" });
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { status: string; shards: unknown[] };
    expect(ready.status).toBe("ready");
    expect(ready.shards).toHaveLength(2);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^jg_gateway_shard_circuit_state|^# HELP jg_gateway_/m);
  });

  it("passes a fronting router's forwarded bearer token (issuer-signed) through to the shard", async () => {
    const token = await signAccessToken(citizen, { signer: signerOf(keys, "home-platform") });
    const before = shards[1]!.hits.length;
    const { status, body } = await post({ authorization: `Bearer ${token}` });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.errors, JSON.stringify(body)).toBeUndefined();
    expect(JSON.parse(body.data!._entities[0]!.viewer)).toEqual(citizen);
    expect(shards[1]!.hits.length).toBe(before + 1);
  });

  it("passes an edge's or a third-party edge's identity header through", async () => {
    const edge = await signIdentity(citizen, { signer: signerOf(keys, "gateway") });
    expect(JSON.parse((await post({ [IDENTITY_HEADER]: edge })).body.data!._entities[0]!.viewer)).toEqual(citizen);
    const partner: Identity = { kind: "PARTNER", partnerId: "p-1", companyId: "c-1" };
    const hive = await signIdentity(partner, { signer: signerOf(keys, "hive-gateway") });
    expect(JSON.parse((await post({ [IDENTITY_HEADER]: hive })).body.data!._entities[0]!.viewer)).toEqual(partner);
  });

  it("refuses with 401, before asking any shard: no credential, a forged header, the wrong role, an expired token", async () => {
    const outsider = generateKeySet([{ service: "gateway", roles: ["edge"] }]);
    const old = new Date(Date.now() - 3 * 3600_000);
    const refused: Record<string, string>[] = [
      {},
      { [IDENTITY_HEADER]: await signIdentity(citizen, { signer: signerOf(outsider, "gateway") }) },
      { [IDENTITY_HEADER]: await signIdentity(citizen, { signer: signerOf(keys, "hive-gateway") }) },
      { [IDENTITY_HEADER]: await signIdentity(citizen, { signer: signerOf(keys, "province-51") }) },
      { authorization: `Bearer ${await signAccessToken(citizen, { signer: signerOf(keys, "home-platform"), now: old, ttlSeconds: 60 })}` },
    ];
    const before = shards.map((s) => s.hits.length);
    for (const headers of refused) {
      const { status, body } = await post(headers);
      expect(status, JSON.stringify(headers)).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(shards.map((s) => s.hits.length)).toEqual(before);
  });

  it("answers _service and introspection only to a composer, and a composer's token is no identity (docs/design.md §8)", async () => {
    const composer = { authorization: bearer(await signServiceToken(COMPOSE_AUDIENCE, signerOf(keys, "gateway"))) };
    const edge = { [IDENTITY_HEADER]: await signIdentity(citizen, { signer: signerOf(keys, "gateway") }) };
    const sdl = { query: "{ _service { sdl } }" };
    const served = await post(composer, sdl);
    expect(served.status).toBe(200);
    expect(served.body.data?._service?.sdl).toBe(PROVINCE_SDL);
    const before = shards.map((s) => s.hits.length);
    for (const [headers, request] of [
      [{}, sdl],
      [edge, sdl],
      [edge, { query: "{ a: _service { sdl } }" }],
      [edge, { query: "{ __schema { types { name } } }" }],
      [edge, { query: "query { ...F } fragment F on Query { __type(name: \"Violation\") { name } }" }],
    ] as const) {
      const { status, body } = await post(headers, request);
      expect(status, request.query).toBe(403);
      expect(body.errors?.[0]?.extensions?.code).toBe("INTROSPECTION_DISABLED");
    }
    const asComposer = await post(composer);
    expect(asComposer.status).toBe(401);
    expect(asComposer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // A schema question beside another field, or in another operation of the document, does not make the
    // composer's credential an identity either.
    for (const request of [
      { query: "{ violation(id: \"5101002026000001\") { id } _service { sdl } }" },
      { query: "query A { _service { sdl } } query B { violation(id: \"5101002026000001\") { id } }", operationName: "B" },
    ]) {
      const { status, body } = await post(composer, request);
      expect(status, request.query).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(shards.map((s) => s.hits.length)).toEqual(before);
  });

  it("answers a composer's introspection itself, from its own schema, without asking any shard (docs/design.md §8)", async () => {
    const composer = { authorization: bearer(await signServiceToken(COMPOSE_AUDIENCE, signerOf(keys, "province-router"))) };
    const before = shards.map((s) => s.hits.length);
    const introspection = await post(composer, { query: "{ __schema { queryType { name } types { name } } }" });
    expect(introspection.status).toBe(200);
    const schema = (introspection.body.data as unknown as { __schema: { queryType: { name: string }; types: { name: string }[] } }).__schema;
    expect(schema.queryType.name).toBe("Query");
    expect(schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(["Violation", "_Service"]));
    const both = await post(composer, { query: "query Q { __type(name: \"Violation\") { name } ...S } fragment S on Query { _service { sdl } }" });
    expect(both.status).toBe(200);
    expect(both.body.data).toEqual({ __type: { name: "Violation" }, _service: { sdl: PROVINCE_SDL } });
    // A field the schema lacks is a validation error, answered here too.
    const invalid = await post(composer, { query: "{ __type(name: \"Violation\") { nope } }" });
    expect(invalid.body.errors?.length).toBe(1);
    expect(shards.map((s) => s.hits.length)).toEqual(before);
  });

  it("stops on SIGTERM: exits 0 and stops listening", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await fetch(`${url}/healthz`).then(() => "answered", () => "closed")).toBe("closed");
  });
});
