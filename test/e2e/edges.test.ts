/**
 * Issue 13: the citizen's journey through both edges, our gateway and Hive Gateway in front of the
 * standalone province router (deploy/hive-gateway), each against its own freshly seeded system of real
 * processes (Chongqing + shard 50, provinces 51 and 52) on the system clock (Hive Gateway has no virtual
 * clock). Each edge's answers are normalised (violation IDs and times left out) and compared: the list across
 * provinces with eligibility, handle and pay, a bad token, the limits, a province down → per-item
 * PROVINCE_UNAVAILABLE on that province's items only. What still differs is asserted here exactly as
 * deploy/hive-gateway/README.md lists it.
 */
import { accessTokenFor, seedSystem, startSystem, tickShards, type Edge, type GraphQLResponse, type RunningSystem } from "@jg/cluster";
import type { Identity } from "@jg/identity";
import { generatePopulation, presets, type Population } from "@jg/population";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castViolations, eligibleOf, itemsOf } from "../support/population-picks";
import { inMaintenanceWindow } from "@jg/rules";
import { HANDLE, MY_VIOLATIONS, PAY, type HandleAnswer, type MyViolations, type PayAnswer } from "../support/queries";

const PROVINCES = ["51", "52"];
/** Both edges by default; E2E_EDGES=hive-gateway runs one journey alone (then nothing is compared). */
const EDGES = (process.env.E2E_EDGES ?? "gateway,hive-gateway").split(",") as Edge[];
const now = new Date();
const population: Population = generatePopulation(presets.demo({ seed: 12123, now, provinces: ["50", ...PROVINCES] }));
const citizen: Identity = { kind: "CITIZEN", accountId: population.cast!.citizen };
/** R-MNT-1: in the daily maintenance window (22:00–01:00 China time) handling is closed: then both edges must say so. */
const maintenance = (at: Date) => inMaintenanceWindow(at);

interface Answer {
  status: number;
  body: GraphQLResponse<unknown> & { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** What each edge answered, step by step, for the comparison at the end. */
const answers = new Map<Edge, Record<string, unknown>>();

async function post(system: RunningSystem, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${system.gatewayUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

/** The list as a sorted multiset of what a citizen sees per violation (IDs differ between two seedings). */
function normaliseList(res: GraphQLResponse<MyViolations>): string[] {
  return itemsOf(res)
    .map((v) => [v.province.code, v.fineYuan, v.points, v.status, v.eligibility.allowed, v.eligibility.denials.map((d) => d.ruleId).sort().join("+")].join("|"))
    .sort();
}

const errorCodes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.["code"] ?? null);

for (const edge of EDGES) {
  describe(`the citizen's journey through ${edge} (issue 13)`, () => {
    let system: RunningSystem;
    const seen: Record<string, unknown> = {};
    const as = async (query: string, variables: Record<string, unknown> = {}) =>
      post(system, query, variables, { authorization: `Bearer ${await accessTokenFor(citizen, system.keys)}` });

    beforeAll(async () => {
      system = await startSystem({ provinces: PROVINCES, edge, env: { LOG_LEVEL: "warn" }, shardTimeoutMs: 20_000, startTimeoutMs: 180_000 });
      // Gently: the two seedings must record the same violations for the answers to be compared.
      const seeded = await seedSystem(system, population, { concurrency: 2 });
      expect(seeded.failures).toEqual([]);
      const expected = castViolations(population).length;
      for (let i = 0; i < 40; i++) {
        await tickShards(system);
        const list = await as(MY_VIOLATIONS);
        if (itemsOf(list.body as GraphQLResponse<MyViolations>).length >= expected) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }, 900_000);

    afterAll(async () => {
      answers.set(edge, seen);
      await system?.stop();
    }, 60_000);

    it("R-OOP-1, R-MNT-1: lists the citizen's violations of three provinces with eligibility (rule IDs)", async () => {
      const before = new Date();
      const res = await as(MY_VIOLATIONS);
      const after = new Date();
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const items = itemsOf(res.body as GraphQLResponse<MyViolations>);
      expect(items).toHaveLength(castViolations(population).length);
      expect(new Set(items.map((v) => v.province.code))).toEqual(new Set(["50", ...PROVINCES]));
      // The system clock decides (Hive Gateway has no virtual clock): in the nightly window nothing may be
      // handled and every item says so (R-MNT-1); outside it some may and some may not. A list taken across
      // the window's edge may be either.
      if (maintenance(before) && maintenance(after)) {
        expect(items.every((v) => !v.eligibility.allowed && v.eligibility.denials.some((d) => d.ruleId === "R-MNT-1"))).toBe(true);
      } else if (!maintenance(before) && !maintenance(after)) {
        expect(items.some((v) => v.eligibility.allowed) && items.some((v) => v.eligibility.denials.length > 0)).toBe(true);
      }
      seen["list"] = normaliseList(res.body as GraphQLResponse<MyViolations>);
    }, 60_000);

    it("R-OOP-1, R-PAY-1: handles and pays a province-51 violation (refused alike in the R-MNT-1 window)", async () => {
      const list = itemsOf((await as(MY_VIOLATIONS)).body as GraphQLResponse<MyViolations>);
      const fine = eligibleOf(population, castViolations(population)).find((v) => v.provinceCode === "51")!.expected.fineYuan;
      // In the R-MNT-1 window no item is allowed: take the one that would be, by its province and fine.
      const item = list.find((v) => v.province.code === "51" && (v.eligibility.allowed || maintenance(new Date())) && v.fineYuan === fine)!;
      expect(item).toBeDefined();
      const at = new Date();
      const handled = await as(HANDLE, { id: item.id, key: `edges-${edge}-handle` });
      const answer = (handled.body.data as HandleAnswer).handleViolation;
      if (maintenance(at)) {
        expect(answer.denials.map((d) => d.ruleId)).toContain("R-MNT-1");
        seen["handle"] = { ok: answer.ok, rules: answer.denials.map((d) => d.ruleId) };
        return;
      }
      expect(answer).toMatchObject({ ok: true, denials: [], violation: { status: "HANDLED_UNPAID" } });
      const paid = await as(PAY, { id: item.id, key: `edges-${edge}-pay` });
      expect((paid.body.data as PayAnswer).payFine).toMatchObject({ ok: true, violation: { status: "PAID" }, payment: { amountYuan: fine, channel: "APP" } });
      // Idempotent through either edge: the same key answers the same payment.
      const again = await as(PAY, { id: item.id, key: `edges-${edge}-pay` });
      expect((again.body.data as PayAnswer).payFine.payment).toEqual((paid.body.data as PayAnswer).payFine.payment);
      seen["handle"] = { ok: answer.ok, status: answer.violation?.status, paid: (paid.body.data as PayAnswer).payFine.violation?.status };
    }, 60_000);

    it("refuses a bad bearer token with 401 and no data", async () => {
      const token = await accessTokenFor(citizen, system.keys);
      const tampered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
      const res = await post(system, MY_VIOLATIONS, {}, { authorization: `Bearer ${tampered}` });
      expect(res.status).toBe(401);
      expect(res.body.data ?? null).toBeNull();
      seen["badToken"] = { status: res.status, codes: errorCodes(res) };
    }, 60_000);

    it("applies our limits: 31 aliases refused, 30 answered; a document over the token limit refused; no data either way", async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;
      const tooMany = await as(aliases(31));
      expect(tooMany.body.data ?? null).toBeNull();
      expect(errorCodes(tooMany)).toEqual(["TOO_MANY_ALIASES"]);
      expect((await as(aliases(30))).body.errors).toBeUndefined();
      const huge = await as(`{ ${"__typename ".repeat(3000)}}`);
      expect(huge.body.data ?? null).toBeNull();
      expect(errorCodes(huge).length).toBeGreaterThan(0);
      seen["limits"] = { aliases: errorCodes(tooMany), tokens: { status: huge.status, codes: errorCodes(huge) } };
    }, 60_000);

    it("docs/design.md §3: province 52 down → its items fail with PROVINCE_UNAVAILABLE, the rest still answer", async () => {
      await system.services.get("province-52")!.stop();
      const res = await as(MY_VIOLATIONS);
      const unavailable = (res.body.errors ?? []).filter((e) => e.extensions?.["code"] === "PROVINCE_UNAVAILABLE");
      expect(unavailable.length).toBeGreaterThan(0);
      for (const e of unavailable) expect(e.path).toContain("violations");
      expect((res.body.data as MyViolations).me).toBeTruthy();
      const answered = itemsOf(res.body as GraphQLResponse<MyViolations>).filter((v) => typeof v.fineYuan === "number");
      // Only province 52's items fail, through either edge (Hive Gateway: the plugin leaves the failed
      // entities out of the platform's @requires fetch, deploy/hive-gateway/src/failed-representations.ts).
      expect(new Set(answered.map((v) => v.province.code)), JSON.stringify(res.body).slice(0, 4000)).toEqual(new Set(["50", "51"]));
      seen["provinceDown"] = { codes: [...new Set(errorCodes(res))].sort(), answered: answered.map((v) => v.province.code).sort() };
    }, 120_000);
  });
}

describe("both edges answer alike (issue 13)", () => {
  it.skipIf(EDGES.length < 2)("same list, same handling, same alias refusal, same 401 UNAUTHENTICATED, the same answer with a province down; the rest differs only as the README says", () => {
    const ours = answers.get("gateway");
    const hive = answers.get("hive-gateway");
    expect(ours && hive, "both journeys ran").toBeTruthy();
    for (const step of ["list", "handle"]) expect(hive![step], step).toEqual(ours![step]);
    const down = (a: Record<string, unknown>) => (a["provinceDown"] as { codes: unknown }).codes;
    expect(down(ours!)).toEqual(["PROVINCE_UNAVAILABLE"]);
    // A province down: the same codes and the same provinces answered through both edges.
    expect(hive!["provinceDown"]).toEqual(ours!["provinceDown"]);
    expect((hive!["limits"] as { aliases: unknown }).aliases).toEqual((ours!["limits"] as { aliases: unknown }).aliases);
    // Over the token limit: refused before parsing by ours, a parse failure at Hive Gateway (its README).
    expect((ours!["limits"] as { tokens: unknown }).tokens).toEqual({ status: 400, codes: ["DOCUMENT_TOO_LARGE"] });
    expect((hive!["limits"] as { tokens: unknown }).tokens).toEqual({ status: 200, codes: ["GRAPHQL_PARSE_FAILED"] });
    // A bad token: 401 UNAUTHENTICATED through both (Hive: the plugin adds the code to its JWT plugin's 401).
    expect(ours!["badToken"]).toEqual({ status: 401, codes: ["UNAUTHENTICATED"] });
    expect(hive!["badToken"]).toEqual(ours!["badToken"]);
  });
});
