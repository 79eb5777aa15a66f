/**
 * Issue #10 §3 on the home platform: to a caller without access, someone else's vehicle (plate), filing,
 * lease, account, feedback, webhook endpoint or delivery answers exactly like one that does not exist: the same data, the same error
 * codes and messages, the same denials. Queries answer null, mutations NOT_FOUND (or, for a caller of a
 * kind that may never use the entry point, the same FORBIDDEN whatever the ID). The entry points are read
 * from the committed schema.graphql (every root argument of type ID or named `plate`, also inside input
 * objects, and every entity key), so a new one without a probe here, or an explained exemption, fails.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Identity } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { Kind, parse, type DocumentNode, type TypeNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow, PartnerRow, VehicleRow } from "../src/db/schema";
import { seedFiling, seedLease, seedPartner } from "../src/seed";
import { authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform, type GraphQLResult, type TestPlatform } from "./flow";
import { companyCar, driver, ownCar } from "./people";

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

/** Every public entry point taking a record's ID or plate: "Mutation.cancelLease(id)", "Mutation.writeLease(input.plate)", "_entities(Vehicle)". */
function entryPoints(doc: DocumentNode): string[] {
  const inputs = new Map<string, string[]>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      inputs.set(def.name.value, (def.fields ?? []).filter((f) => namedType(f.type) === "ID" || f.name.value === "plate").map((f) => f.name.value));
    }
  }
  const found: string[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    if (def.name.value === "Query" || def.name.value === "Mutation") {
      for (const field of def.fields ?? []) {
        for (const arg of field.arguments ?? []) {
          const type = namedType(arg.type);
          if (type === "ID" || arg.name.value === "plate") found.push(`${def.name.value}.${field.name.value}(${arg.name.value})`);
          for (const inner of inputs.get(type) ?? []) found.push(`${def.name.value}.${field.name.value}(${arg.name.value}.${inner})`);
        }
      }
    }
    const key = def.directives?.find((d) => d.name.value === "key");
    const resolvable = !key?.arguments?.some((a) => a.name.value === "resolvable" && a.value.kind === Kind.BOOLEAN && !a.value.value);
    if (key && resolvable) found.push(`_entities(${def.name.value})`);
  }
  return found.sort();
}

/**
 * Entry points where "someone else's" does not apply, and why. Registration IDs are bearer handles: the
 * one who started the registration holds it, and anyone holding it is that person (an unknown or spent
 * handle is NOT_FOUND / null). Filing applications concern another person's vehicle by design (R-FIL-5,
 * R-FIL-6: the owner's SMS or QR consent is the check). The platform's Violation entity only adds
 * eligibility to facts its province already returned to a viewer with access; it never looks the ID up.
 * A lease's lessee account ID is given to the partner by the lessee.
 */
const EXEMPT: Record<string, string> = {
  "Query.registration(id)": "registration handle",
  "Mutation.confirmDeviceSteps(registrationId)": "registration handle",
  "Mutation.verifyFace(registrationId)": "registration handle",
  "Mutation.requestSmsCode(registrationId)": "registration handle",
  "Mutation.verifySmsCode(registrationId)": "registration handle",
  "Mutation.completeRegistration(registrationId)": "registration handle",
  "Mutation.requestFilingCode(plate)": "a filing names another person's vehicle by design (R-FIL-5/6)",
  "Mutation.applyFiling(plate)": "a filing names another person's vehicle by design (R-FIL-5/6)",
  "_entities(Violation)": "facts come from the province, which already hides someone else's violation",
  "Mutation.writeLease(input.lesseeAccountId)": "the lessee hands their account ID to the partner to be named in the lease",
};

type World = {
  alice: AccountRow;
  bob: AccountRow;
  partnerA: PartnerRow;
  partnerB: PartnerRow;
  bobCar: VehicleRow;
  fleetCarA: VehicleRow;
  bobFiling: string;
  leaseA: string;
  bobFeedback: string;
  hookA: string;
  deliveryA: string;
};

/** Who asks, and the answer for a value; each probe is run with someone else's value and with an unknown one. */
type Probe = { who: (w: World) => Identity; foreign: (w: World) => string[]; unknown: string; run: (t: TestPlatform, who: Identity, value: string) => Promise<GraphQLResult<unknown>> };

const citizen = (a: AccountRow): Identity => ({ kind: "CITIZEN", accountId: a.id });
const partner = (p: PartnerRow): Identity => ({ kind: "PARTNER", partnerId: p.id, companyId: p.creditCode });
const UNKNOWN_PLATE = "渝Z0Q0Q0";
const ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Vehicle { plate } ... on Account { id name } } }";

const PROBES: Record<string, Probe> = {
  "Query.vehicle(plate)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bobCar.plate, w.fleetCarA.plate],
    unknown: UNKNOWN_PLATE,
    run: (t, who, plate) => gql(t, who, "query($p: String!) { vehicle(plate: $p) { plate owner: plateType violations { id } } }", { p: plate }),
  },
  "Mutation.filingQrCode(plate)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bobCar.plate, w.fleetCarA.plate],
    unknown: UNKNOWN_PLATE,
    run: (t, who, plate) => gql(t, who, "mutation($p: String!) { filingQrCode(plate: $p) { code expiresAt } }", { p: plate }),
  },
  "Mutation.releaseFiling(id)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bobFiling],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { releaseFiling(id: $id) { id status } }", { id }),
  },
  "Mutation.reviewFiling(id)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bobFiling],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { reviewFiling(id: $id, approve: true) { filing { id } } }", { id }),
  },
  "Mutation.setFeedbackStatus(id)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bobFeedback],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { setFeedbackStatus(id: $id, status: RESOLVED) { id } }", { id }),
  },
  "Mutation.writeLease(input.plate)": {
    who: (w) => partner(w.partnerB),
    foreign: (w) => [w.fleetCarA.plate, w.bobCar.plate],
    unknown: UNKNOWN_PLATE,
    run: (t, who, plate) =>
      gql(t, who, "mutation($i: WriteLeaseInput!) { writeLease(input: $i) { id } }", {
        i: { plate, lesseeIdNumber: "110101199001011237", lesseeName: "租客", start: "2024-07-01T00:00:00+08:00", end: "2024-07-02T00:00:00+08:00", idempotencyKey: randomUUID() },
      }),
  },
  "Mutation.cancelLease(id)": {
    who: (w) => partner(w.partnerB),
    foreign: (w) => [w.leaseA],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { cancelLease(id: $id) }", { id }),
  },
  "Mutation.setWebhookEndpointEnabled(id)": {
    who: (w) => partner(w.partnerB),
    foreign: (w) => [w.hookA],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { setWebhookEndpointEnabled(id: $id, enabled: false) { id enabled } }", { id }),
  },
  "Mutation.rotateWebhookSecret(id)": {
    who: (w) => partner(w.partnerB),
    foreign: (w) => [w.hookA],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { rotateWebhookSecret(id: $id, idempotencyKey: \"existence-rotation\") { signingSecret } }", { id }),
  },
  "Query.webhookDeliveries(endpointId)": {
    who: (w) => partner(w.partnerB),
    foreign: (w) => [w.hookA],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "query($id: ID!) { webhookDeliveries(endpointId: $id) { id eventId } }", { id }),
  },
  "Mutation.replayWebhookDelivery(id)": {
    who: (w) => partner(w.partnerB),
    foreign: (w) => [w.deliveryA],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, "mutation($id: ID!) { replayWebhookDelivery(id: $id) { id status } }", { id }),
  },
  "_entities(Vehicle)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bobCar.plate, w.fleetCarA.plate],
    unknown: UNKNOWN_PLATE,
    run: (t, who, plate) => gql(t, who, ENTITIES, { r: [{ __typename: "Vehicle", plate }] }),
  },
  "_entities(Account)": {
    who: (w) => citizen(w.alice),
    foreign: (w) => [w.bob.id],
    unknown: randomUUID(),
    run: (t, who, id) => gql(t, who, ENTITIES, { r: [{ __typename: "Account", id }] }),
  },
};

const blank = (res: unknown, value: string) => JSON.parse(JSON.stringify(res).split(value).join("<VALUE>")) as unknown;

describe("issue #10 §3: someone else's plate, filing, lease or account looks like one that does not exist", () => {
  let t: TestPlatform;
  let w: World;
  beforeAll(async () => {
    t = await startTestPlatform(testEngines()[0]!);
    const db = t.database.db;
    const alice = await driver(db, "甲某");
    const bob = await driver(db, "乙某");
    const partnerA = await seedPartner(db, { companyName: "租车甲", creditCode: "91500000MA5UX0000A", apiKey: "ex-a" });
    const partnerB = await seedPartner(db, { companyName: "租车乙", creditCode: "91500000MA5UX0000B", apiKey: "ex-b" });
    const bobCar = await ownCar(db, bob);
    const fleetCarA = await companyCar(db, partnerA.creditCode, { useNature: "G" });
    const filing = await seedFiling(db, { accountId: bob.id, plate: (await ownCar(db, alice)).plate, status: "PENDING" });
    const lease = await seedLease(db, {
      partnerId: partnerA.id,
      plate: fleetCarA.plate,
      lesseeIdNumber: bob.idNumber,
      lesseeName: bob.name,
      startsAt: new Date("2024-08-01T00:00:00+08:00"),
      endsAt: new Date("2024-08-03T00:00:00+08:00"),
      at: t.clock.now(),
    });
    const fb = await gql<{ submitFeedback: { id: string } }>(t, citizen(bob), "mutation($d: String!) { submitFeedback(description: $d, idempotencyKey: \"fb-existence-1\") { id } }", { d: "缴款页面无法打开" });
    if (!fb.data) throw new Error(JSON.stringify(fb.errors));
    // Partner A's webhook endpoint (nothing listens there) and one delivery to it.
    const hook = await gql<{ registerWebhookEndpoint: { endpoint: { id: string } } }>(t, partner(partnerA), "mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { endpoint { id } } }", {
      i: { url: "http://127.0.0.1:9/hooks", events: ["VIOLATION_RECORDED"], idempotencyKey: "existence-hook-a" },
    });
    if (!hook.data) throw new Error(JSON.stringify(hook.errors));
    await deliver(t, message("violation.recorded", recordedOf(authorizeRequest(bob.id, { plate: fleetCarA.plate }))));
    const sent = await gql<{ webhookDeliveries: { id: string }[] }>(t, partner(partnerA), "{ webhookDeliveries { id } }");
    const deliveryA = sent.data?.webhookDeliveries[0]?.id;
    if (!deliveryA) throw new Error(JSON.stringify(sent));
    w = { alice, bob, partnerA, partnerB, bobCar, fleetCarA, bobFiling: filing.id, leaseA: lease.id, bobFeedback: fb.data!.submitFeedback.id, hookA: hook.data.registerWebhookEndpoint.endpoint.id, deliveryA };
  });
  afterAll(async () => {
    await t?.close();
  });

  it("covers every entry point of schema.graphql that takes an ID or a plate (probe or explained exemption)", () => {
    const all = entryPoints(parse(readFileSync(new URL("../schema.graphql", import.meta.url), "utf8")));
    expect(all).toEqual([...Object.keys(PROBES), ...Object.keys(EXEMPT)].sort());
  });

  for (const [entry, probe] of Object.entries(PROBES)) {
    it(`${entry}: someone else's answers as an unknown one`, async () => {
      const who = probe.who(w);
      const unknown = blank(await probe.run(t, who, probe.unknown), probe.unknown);
      expect(JSON.stringify(unknown)).not.toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT|INTERNAL_SERVER_ERROR/);
      for (const value of probe.foreign(w)) expect(blank(await probe.run(t, who, value), value), value).toEqual(unknown);
    });
  }

  it("the owners keep their access, and the probes changed nothing", async () => {
    const bobSees = await gql<{ vehicle: { plate: string } | null }>(t, citizen(w.bob), "query($p: String!) { vehicle(plate: $p) { plate } }", { p: w.bobCar.plate });
    expect(bobSees.data?.vehicle?.plate).toBe(w.bobCar.plate);
    const fleet = await gql<{ partnerFleet: { plate: string; leases: { id: string }[] }[] }>(t, partner(w.partnerA), "{ partnerFleet { plate leases { id } } }");
    expect(fleet.data?.partnerFleet.find((f) => f.plate === w.fleetCarA.plate)?.leases.map((l) => l.id)).toEqual([w.leaseA]);
    const filings = await gql<{ me: { filings: { id: string; status: string }[] } }>(t, citizen(w.bob), "{ me { filings { id status } } }");
    expect(filings.data?.me.filings).toEqual([{ id: w.bobFiling, status: "PENDING" }]);
  });
});
