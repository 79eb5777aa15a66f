import { testEngines } from "@jg/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedViolations } from "../src/seed";
import { entities, errorCode, province, violation } from "./flow";
import { citizen, officer51, otherCitizen, startTestShard, type TestShard } from "./harness";
import { generateServiceKey, signAccessStatement, signerFromJwk, signerOf, type AccessStatement } from "@jg/identity";
import { shardKeys, TEST_KEYS } from "./keys";
// After the harness (which loads the shard, and reflect-metadata before type-graphql's decorators).
import { ProvinceService } from "../src/province/province.service";
import { textArray } from "@jg/service-kit";
import { createViolationLoader } from "../src/violation/violation.loader";
import { provinceWindow } from "../src/province/window";

for (const engine of testEngines()) {
  describe(`reading on ${engine.name}`, () => {
    let t: TestShard;
    let ids: string[];
    beforeAll(async () => {
      t = await startTestShard({ databaseUrl: await engine.create() });
      const at = new Date(t.clock.now().getTime() - 86_400_000);
      const rows = await seedViolations(t.shard.db, "51", { count: 100, occurredAt: at, recordedAt: at, plate: (i) => `渝B${String(i).padStart(5, "0")}` });
      ids = rows.map((r) => r.id);
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
    });

    it("reads a violation with its description in the request's language", async () => {
      const zh = await violation(t, officer51, ids[0]!, "zh-CN,zh;q=0.9");
      const en = await violation(t, officer51, ids[0]!, "en-US,en;q=0.8");
      expect(zh.data!.violation!.description).toBe(zh.data!.violation!.descriptionZh);
      expect(en.data!.violation!.description).toBe(en.data!.violation!.descriptionEn);
      expect(en.data!.violation!.descriptionEn).not.toBe(en.data!.violation!.descriptionZh);
    });

    it("answers null for an unknown ID of this province, WRONG_PROVINCE for another's, INVALID_VIOLATION_ID for junk", async () => {
      expect((await violation(t, officer51, "5101009999999999")).data!.violation).toBeNull();
      expect(errorCode(await violation(t, officer51, "4401000000000001"))).toBe("WRONG_PROVINCE");
      expect(errorCode(await violation(t, officer51, "12ab"))).toBe("INVALID_VIOLATION_ID");
    });

    it("requires an identity to read, and refuses a forged identity header instead of reading it as anonymous", async () => {
      expect(errorCode(await violation(t, null, ids[0]!))).toBe("UNAUTHENTICATED");
      // Signed by a service that is not an edge of the key directory (the shard of province 51 itself).
      const forged = await violation({ ...t, edge: shardKeys("51").signer }, officer51, ids[0]!);
      expect(errorCode(forged)).toBe("UNAUTHENTICATED");
      expect(forged.data?.violation ?? null).toBeNull();
    });

    it("resolves _entities of 100 Violation keys with ONE SQL query, in the keys' order", async () => {
      const reversed = [...ids].reverse();
      t.shard.database.queries.reset();
      const res = await entities(t, officer51, reversed.map((id) => ({ __typename: "Violation", id })));
      expect(t.shard.database.queries.count).toBe(1);
      expect(res.data!._entities.map((e) => e!.id)).toEqual(reversed);
    });

    it("looks IDs up as one text[] parameter of a prepared statement: quotes, backslashes, commas and braces are text (issue 11)", async () => {
      const loader = createViolationLoader(t.shard.db, t.clock);
      const odd = ['a"b', "c\\d", "e,f", "{g}", ""];
      const rows = await loader.loadMany([ids[0]!, ...odd, ids[1]!]);
      expect(rows.map((r) => (r && !(r instanceof Error) ? r.id : r))).toEqual([ids[0], null, null, null, null, null, ids[1]]);
      expect(textArray(odd)).toBe('{"a\\"b","c\\\\d","e,f","{g}",""}');
    });

    it("resolves 100 Violation keys with their Province with one query per batch (the violations; the settings row is kept in memory, issue 11)", async () => {
      await province(t, officer51, "51");
      t.shard.database.queries.reset();
      const res = await entities(t, officer51, ids.map((id) => ({ __typename: "Violation", id })), "id province { code platformOpen }");
      expect(res.errors).toBeUndefined();
      expect(t.shard.database.queries.count).toBe(1);
    });

    it("resolves Province entities without SQL once the settings are read, and reports another province per item", async () => {
      await province(t, officer51, "51");
      t.shard.database.queries.reset();
      const res = await entities(t, officer51, [{ __typename: "Province", code: "51" }, { __typename: "Province", code: "51" }]);
      expect(t.shard.database.queries.count).toBe(0);
      expect(res.data!._entities).toEqual([{ code: "51", platformOpen: true }, { code: "51", platformOpen: true }]);
      const mixed = await entities(t, officer51, [{ __typename: "Province", code: "44" }, { __typename: "Violation", id: ids[1]! }]);
      expect(mixed.errors?.[0]).toMatchObject({ path: ["_entities", 0], extensions: { code: "WRONG_PROVINCE" } });
      expect(mixed.data!._entities[1]).toMatchObject({ id: ids[1] });
    });

    it("reads the province with its schedule in force, notice, objection contact (R-OBJ-1) and window (R-MNT-1)", async () => {
      const p = (await province(t, officer51, "51", "en")).data!.province!;
      expect(p).toMatchObject({ code: "51", name: "Sichuan", platformOpen: true, maintenanceWindow: { from: "22:00", to: "01:00", assumed: true } });
      expect(p.scheduleVersion).toMatch(/^51@/);
      expect(p.fineSchedule.find((i) => i.code === "1116")).toMatchObject({ fineYuan: 100, points: 1 });
      expect(p.objectionContact.agency).toContain("Sichuan");
      expect(p.businessNotice).toContain("2 hours");
      expect(errorCode(await province(t, officer51, "44"))).toBe("WRONG_PROVINCE");
      expect(errorCode(await province(t, officer51, "99"))).toBe("INVALID_PROVINCE_CODE");
    });

    it("asks the home platform once per batch which violations a citizen may see, each at its occurrence time (R-ELG-7); the others resolve as unknown ones", async () => {
      const allowed = new Set([ids[0]!]);
      const plates = new Map<string, string>();
      const res = await entities(t, officer51, ids.slice(0, 3).map((id) => ({ __typename: "Violation", id })), "id plate occurredAt");
      const facts = res.data!._entities.map((e) => ({ plate: String(e!.plate), occurredAt: new Date(String(e!.occurredAt)).toISOString() }));
      for (const e of res.data!._entities) plates.set(String(e!.id), String(e!.plate));
      t.home.access = (_account, asked) => asked.map((item) => [...allowed].some((id) => plates.get(id) === item.plate));
      t.home.accessCalls.length = 0;
      const asCitizen = await entities(t, citizen, ids.slice(0, 3).map((id) => ({ __typename: "Violation", id })));
      expect(t.home.accessCalls).toHaveLength(1);
      const asked = t.home.accessCalls[0]!.items.map((item) => ({ plate: item.plate, occurredAt: new Date(item.occurredAt).toISOString() }));
      expect(asked).toEqual(expect.arrayContaining(facts));
      expect(asked).toHaveLength(new Set(facts.map((f) => `${f.plate}@${f.occurredAt}`)).size);
      expect(asCitizen.data!._entities[0]).toMatchObject({ id: ids[0] });
      // Someone else's violations resolve like unknown ones (issue #10 §3): null, no error.
      expect(asCitizen.data!._entities.slice(1)).toEqual([null, null]);
      expect(asCitizen.errors).toBeUndefined();
    });

    describe("the home platform's access statement in the representation (issue 11, docs/design.md §8)", () => {
      const platform = signerOf(TEST_KEYS, "home-platform");
      let facts: { id: string; plate: string; occurredAt: Date }[];
      beforeAll(async () => {
        const res = await entities(t, officer51, ids.slice(0, 3).map((id) => ({ __typename: "Violation", id })), "id plate occurredAt");
        facts = res.data!._entities.map((e) => ({ id: String(e!.id), plate: String(e!.plate), occurredAt: new Date(String(e!.occurredAt)) }));
      });
      const sign = (statement: Partial<AccessStatement> & { plate: string }, signer = platform, at = t.clock.now()) =>
        signAccessStatement({ accountId: "acct-1", periods: "ALL", ...statement }, signer, at);
      /** Resolves the first three violations as `who`, each with the statement `statementOf` gives it; counts the calls to /internal/access. */
      async function asked(who: typeof citizen, statementOf: (fact: (typeof facts)[number]) => Promise<string | null>) {
        t.home.access = () => { throw new Error("the access check was asked although a statement was given"); };
        t.home.accessCalls.length = 0;
        const reps = await Promise.all(facts.map(async (f) => ({ __typename: "Violation", id: f.id, accessStatement: await statementOf(f) })));
        const res = await entities(t, who, reps);
        expect(res.errors).toBeUndefined();
        expect(t.home.accessCalls).toHaveLength(0);
        return res.data!._entities.map((e) => (e === null ? null : String(e.id)));
      }

      it("R-ELG-7: a statement of the platform decides without asking it: ALL, or the lease periods at each violation's occurrence time", async () => {
        expect(await asked(citizen, (f) => sign({ plate: f.plate }))).toEqual(facts.map((f) => f.id));
        const at = facts[0]!.occurredAt.getTime();
        const lease = (f: (typeof facts)[number]) => sign({ plate: f.plate, periods: [[at - 1000, at + 1]] });
        // All three occurred at one instant: inside [at − 1 s, at + 1 ms).
        expect(await asked(citizen, lease)).toEqual(facts.map((f) => f.id));
        const ended = (f: (typeof facts)[number]) => sign({ plate: f.plate, periods: [[at - 1000, at]] });
        expect(await asked(citizen, ended)).toEqual([null, null, null]);
      });

      it("a statement for another citizen, another plate, expired, or not signed by a platform of the key directory answers as an unknown violation", async () => {
        // Another viewer: the statement names acct-1, the identity header acct-2.
        expect(await asked(otherCitizen, (f) => sign({ plate: f.plate }))).toEqual([null, null, null]);
        // Another vehicle's statement.
        expect(await asked(citizen, () => sign({ plate: "渝Z99999" }))).toEqual([null, null, null]);
        // Expired: signed 10 minutes ago (30 s lifetime).
        expect(await asked(citizen, (f) => sign({ plate: f.plate }, platform, new Date(t.clock.now().getTime() - 600_000)))).toEqual([null, null, null]);
        // Signed by a province shard, and by a key the directory does not list under the platform's name.
        expect(await asked(citizen, (f) => sign({ plate: f.plate }, shardKeys("51").signer))).toEqual([null, null, null]);
        const stranger = signerFromJwk("home-platform", generateServiceKey("home-platform").privateJwk);
        expect(await asked(citizen, (f) => sign({ plate: f.plate }, stranger))).toEqual([null, null, null]);
        // Garbage.
        expect(await asked(citizen, async () => "not.a.statement")).toEqual([null, null, null]);
      });

      it("without a statement (null or absent) the shard asks the platform, once per batch", async () => {
        t.home.access = (_account, items) => items.map(() => true);
        t.home.accessCalls.length = 0;
        const res = await entities(t, citizen, [
          { __typename: "Violation", id: facts[0]!.id, accessStatement: null },
          { __typename: "Violation", id: facts[1]!.id },
        ]);
        expect(t.home.accessCalls).toHaveLength(1);
        expect(res.data!._entities.map((e) => e?.id)).toEqual([facts[0]!.id, facts[1]!.id]);
      });
    });

    it("keeps the settings row in memory, and a write through the service (seed at start) replaces it (R-ELG-1d)", async () => {
      const service = new ProvinceService(t.shard.db, "51", t.clock, provinceWindow("51"));
      t.shard.database.queries.reset();
      expect(await service.platformOpen()).toBe(true);
      expect(await service.platformOpen()).toBe(true);
      expect((await service.get("51"))?.platformOpen).toBe(true);
      expect(t.shard.database.queries.count).toBe(1);
      try {
        await service.seed(false);
        expect(await service.platformOpen()).toBe(false);
        expect((await service.get("51"))?.platformOpen).toBe(false);
      } finally {
        await service.seed(true);
      }
      expect(await service.platformOpen()).toBe(true);
    });
  });
}
