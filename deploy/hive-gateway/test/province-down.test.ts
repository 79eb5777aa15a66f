import { createGatewayRuntime } from "@graphql-hive/gateway";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { onFetchSkippingFailedRepresentations } from "../src/failed-representations";

/**
 * Issue 13 follow-up, in process: Hive Gateway's runtime over the committed supergraph, with two stub
 * subgraphs answering as ours do. The platform answers `me` (three violations, provinces 50, 51, 52) and
 * `Violation.eligibility` from the @requires facts, looking the vehicles of one request up in ONE batch as
 * its DataLoader does (a plate that is not a string fails the batch, as the SQL does); the "router"
 * answers `_entities` per item, `null` + PROVINCE_UNAVAILABLE at `["_entities", i]` for province 52.
 */
const SUPERGRAPH = fileURLToPath(new URL("../../../gateway/supergraph.graphql", import.meta.url));
const IDS = ["5000000000000001", "5100000000000001", "5200000000000001"];
const QUERY = `{ me { id vehicles { vehicle { plate violations { id status fineYuan province { code } eligibility { allowed } } } } } }`;

type Rep = Record<string, unknown> & { id: string; plate?: unknown };
const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });

function platform(body: { query: string; variables?: { representations?: Rep[] } }): Response {
  const reps = body.variables?.representations;
  if (!reps) return json({ data: { me: { __typename: "Account", id: "a1", vehicles: [{ vehicle: { __typename: "Vehicle", plate: "渝A10000", violations: IDS.map((id) => ({ __typename: "Violation", id, accessStatement: "s" })) } }] } } });
  // One batch for every representation, as the platform's vehicle DataLoader: a non-string key fails it all.
  if (reps.some((r) => typeof r.plate !== "string")) {
    return json({ data: { _entities: reps.map(() => null) }, errors: reps.map((_, i) => ({ message: "Unexpected error.", path: ["_entities", i, "eligibility"], extensions: { code: "INTERNAL_SERVER_ERROR" } })) });
  }
  return json({ data: { _entities: reps.map(() => ({ __typename: "Violation", eligibility: { allowed: true } })) } });
}

function router(body: { variables: { representations: Rep[] } }): Response {
  const reps = body.variables.representations;
  const down = (r: Rep) => r.id.startsWith("52");
  return json({
    data: { _entities: reps.map((r) => (down(r) ? null : { __typename: "Violation", status: "UNHANDLED", fineYuan: 200, points: 3, source: "CAMERA", plate: "渝A10000", occurredAt: "2026-01-01T00:00:00.000Z", warningOnly: false, province: { code: r.id.slice(0, 2), platformOpen: true } })) },
    errors: reps.flatMap((r, i) => (down(r) ? [{ message: "Province 52 is unavailable", path: ["_entities", i], extensions: { code: "PROVINCE_UNAVAILABLE" } }] : [])),
  });
}

const platformRequests: Rep[][] = [];
function gateway(withPlugin: boolean) {
  return createGatewayRuntime({
    supergraph: SUPERGRAPH,
    logging: false,
    transportEntries: { platform: { location: "http://platform.invalid/graphql" }, province: { location: "http://router.invalid/graphql" } },
    plugins: () => [
      ...(withPlugin ? [{ onFetch: onFetchSkippingFailedRepresentations }] : []),
      {
        onFetch({ url, setFetchFn }: { url: string; setFetchFn: (f: (url: string, init: { body: string }) => Promise<Response>) => void }) {
          setFetchFn(async (u, init) => {
            const body = JSON.parse(init.body) as { query: string; variables?: { representations?: Rep[] } };
            if (u.startsWith("http://platform.invalid")) {
              if (body.variables?.representations) platformRequests.push(body.variables.representations);
              return platform(body);
            }
            return router(body as { variables: { representations: Rep[] } });
          });
          void url;
        },
      },
    ],
  } as Parameters<typeof createGatewayRuntime>[0]);
}

type Answer = { data: { me: { vehicles: { vehicle: { violations: ({ province: { code: string }; fineYuan: number; eligibility: { allowed: boolean } } | null)[] } }[] } }; errors?: { path?: unknown[]; extensions?: { code?: string } }[] };
async function ask(gw: ReturnType<typeof gateway>): Promise<Answer> {
  platformRequests.length = 0;
  const res = await gw.fetch("http://hive.invalid/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}
const codes = (a: Answer) => [...new Set((a.errors ?? []).map((e) => e.extensions?.code))].sort();
const answered = (a: Answer) => a.data.me.vehicles[0]!.vehicle.violations.filter((v) => v !== null).map((v) => v!.province.code);

const bare = gateway(false);
const ours = gateway(true);
afterAll(async () => {
  await bare.dispose();
  await ours.dispose();
});

describe("Hive Gateway with a province down (issue 13 follow-up, docs/design.md §3)", () => {
  it("without the plugin: Hive sends the failed entity's errors as its @requires facts, and the platform's batch fails every item", async () => {
    const answer = await ask(bare);
    const sent = platformRequests.flat().find((r) => r.id.startsWith("52"));
    expect(sent?.plate).toMatchObject({ extensions: { code: "PROVINCE_UNAVAILABLE" } });
    expect(codes(answer)).toEqual(["INTERNAL_SERVER_ERROR", "PROVINCE_UNAVAILABLE"]);
    expect(answered(answer)).toEqual([]);
  });

  it("with the plugin: only province 52's item is null (PROVINCE_UNAVAILABLE), 50 and 51 answer with eligibility", async () => {
    const answer = await ask(ours);
    expect(platformRequests.flat().map((r) => r.id)).toEqual(IDS.slice(0, 2));
    expect(codes(answer)).toEqual(["PROVINCE_UNAVAILABLE"]);
    const items = answer.data.me.vehicles[0]!.vehicle.violations;
    expect(items.map((v) => v?.province.code ?? null)).toEqual(["50", "51", null]);
    expect(items.slice(0, 2).every((v) => v!.fineYuan === 200 && v!.eligibility.allowed)).toBe(true);
  });
});
