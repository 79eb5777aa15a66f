/**
 * Issue #10 §3: to a citizen without access, someone else's violation is indistinguishable from one that
 * does not exist, in every entry point of the province subgraph that takes a violation ID: the same data,
 * the same error codes and messages, the same denials, whatever the violation's state (unhandled, handled,
 * paid). The entry points are read from the committed schema, so a new root field taking an ID (or a new
 * entity) without a probe here fails the test. One engine (PGlite) is enough: the answer does not depend
 * on the database.
 */
import { readFileSync } from "node:fs";
import { type Identity } from "@jg/identity";
import { Kind, parse, type TypeNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedViolations } from "../src/seed";
import { entities, gql, handleViolation, payFine, VIOLATION_FIELDS, type GqlResponse } from "./flow";
import { bank, citizen, officer51, otherCitizen, startTestShard, type TestShard } from "./harness";

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

/** "Query.violation(id)", "Mutation.payFine(violationId)", "_entities(Violation)": every entry point taking an ID. */
function entryPointsTakingAnId(sdl: string): string[] {
  const found: string[] = [];
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (def.name.value === "Query" || def.name.value === "Mutation") {
      for (const field of def.fields ?? []) {
        for (const arg of field.arguments ?? []) if (namedType(arg.type) === "ID") found.push(`${def.name.value}.${field.name.value}(${arg.name.value})`);
      }
    }
    const keyed = def.directives?.some((d) => d.name.value === "key" && d.arguments?.some((a) => a.value.kind === Kind.STRING && /\bid\b/.test(a.value.value)));
    if (keyed) found.push(`_entities(${def.name.value})`);
  }
  return found.sort();
}

/** The same call for the ID asked about; the answer with the ID itself blanked out. */
type Probe = (t: TestShard, who: Identity, id: string, key: string) => Promise<GqlResponse<unknown>>;

const PROBES: Record<string, Probe> = {
  "Query.violation(id)": (t, who, id) => gql(t, who, `query V($id: ID!) { violation(id: $id) { ${VIOLATION_FIELDS} } }`, { id }),
  "Mutation.handleViolation(id)": (t, who, id, key) => handleViolation(t, who, id, true, key),
  "Mutation.payFine(violationId)": (t, who, id, key) => payFine(t, who, id, "APP", key),
  "_entities(Violation)": (t, who, id) => entities(t, who, [{ __typename: "Violation", id }], "id plate status fineYuan points handling { payBy }", "platformOpen"),
};

const blank = (res: GqlResponse<unknown>, id: string) => JSON.parse(JSON.stringify(res).split(id).join("<ID>")) as unknown;

describe("issue #10 §3: someone else's violation looks like one that does not exist", () => {
  let t: TestShard;
  const ids: Record<"unhandled" | "handled" | "paid", string> = { unhandled: "", handled: "", paid: "" };
  let unknownId = "";
  beforeAll(async () => {
    t = await startTestShard({ provinceCode: "51" });
    const at = new Date(t.clock.now().getTime() - 3600_000);
    const rows = await seedViolations(t.shard.db, "51", { count: 3, occurredAt: at, recordedAt: at, plate: (i) => `川A1234${i}` });
    [ids.unhandled, ids.handled, ids.paid] = rows.map((r) => r.id) as [string, string, string];
    for (const id of [ids.handled, ids.paid]) expect((await handleViolation(t, citizen, id, true, `own-${id}`)).data!.handleViolation.ok).toBe(true);
    expect((await payFine(t, citizen, ids.paid, "APP", "own-pay")).data!.payFine.ok).toBe(true);
    unknownId = `${ids.paid.slice(0, 6)}9999999999`;
    // Only acct-1 (`citizen`) may see these vehicles; acct-2 (`otherCitizen`) may not.
    t.home.access = (accountId, items) => items.map(() => accountId === "acct-1");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("covers every entry point of the schema that takes an ID", () => {
    const sdl = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(entryPointsTakingAnId(sdl)).toEqual(Object.keys(PROBES).sort());
  });

  for (const [entry, probe] of Object.entries(PROBES)) {
    for (const state of ["unhandled", "handled", "paid"] as const) {
      it(`${entry}: someone else's ${state} violation answers as an unknown ID`, async () => {
        const key = `probe-${entry}-${state}`;
        const unknown = blank(await probe(t, otherCitizen, unknownId, key), unknownId);
        const foreign = blank(await probe(t, otherCitizen, ids[state], key), ids[state]);
        expect(JSON.stringify(unknown)).not.toContain("GRAPHQL_VALIDATION_FAILED");
        expect(foreign).toEqual(unknown);
      });
    }
  }

  it("nothing was changed by the probes, and the owner, an officer and a bank keep their access", async () => {
    // The only authorize acct-2's probes sent is the unhandled one's, asking the platform to judge the viewer
    // first (issue 12): it was answered hidden, and nothing was reserved.
    const asked = t.home.authorizeCalls.filter((c) => c.accountId === "acct-2");
    expect(asked.map((c) => [c.violation.id, c.checkViewer])).toEqual([[ids.unhandled, true]]);
    expect(asked.filter((c) => t.home.reservations.has(c.handlingId) || t.home.settled.has(c.handlingId))).toEqual([]);
    const read = (who: Identity, id: string) => gql<{ violation: { status: string } | null }>(t, who, `query V($id: ID!) { violation(id: $id) { status } }`, { id });
    expect((await read(citizen, ids.unhandled)).data!.violation!.status).toBe("UNHANDLED");
    expect((await read(citizen, ids.handled)).data!.violation!.status).toBe("HANDLED_UNPAID");
    expect((await read(officer51, ids.paid)).data!.violation!.status).toBe("PAID");
    expect((await read(bank, ids.handled)).data!.violation!.status).toBe("HANDLED_UNPAID");
    expect((await payFine(t, bank, ids.handled, "BANK_COUNTER", "bank-1")).data!.payFine.ok).toBe(true);
  });
});

