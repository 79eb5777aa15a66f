import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outbox } from "@jg/handoff";
import { bearer, signServiceToken } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handlings } from "../src/db/schema";
import { seedViolations } from "../src/seed";
import { handleViolation, payFine, violation } from "./flow";
import { citizen, officer51, START, startTestShard, type TestShard } from "./harness";
import { SIMULATOR } from "./keys";

for (const engine of testEngines()) {
  describe(`the 2-hour revert (R-PAY-1) on ${engine.name}`, () => {
    let t: TestShard;
    let dataDir: string | undefined;
    let n = 0;
    async function handled(): Promise<string> {
      n += 1;
      const at = new Date(t.clock.now().getTime() - 3600_000);
      const [row] = await seedViolations(t.shard.db, "51", { count: 1, occurredAt: at, recordedAt: at, plate: () => `川E${String(n).padStart(5, "0")}` });
      expect((await handleViolation(t, citizen, row!.id, true, `rv-${row!.id}`)).data!.handleViolation.ok).toBe(true);
      return row!.id;
    }
    beforeAll(async () => {
      const url = await engine.create();
      // PGlite persists across a restart only in a data folder; PostgreSQL keeps its database.
      dataDir = url ? undefined : await mkdtemp(join(tmpdir(), "province-revert-"));
      t = await startTestShard({ databaseUrl: url, ...(dataDir ? { dataDir } : {}) });
    });
    afterAll(async () => {
      await t.close();
      await engine.cleanup();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("reverts a handling left unpaid while the shard was down, on restart, and tells the home platform", async () => {
      t.clock.set(START);
      const id = await handled();
      await t.restart(() => {
        t.clock.advance(2 * 3600_000 + 1000); // the deadline passes while the shard is down
      });
      const after = (await violation(t, officer51, id)).data!.violation!;
      expect(after).toMatchObject({ status: "UNHANDLED", handling: null });
      const [handling] = await t.shard.db.select().from(handlings).where(eq(handlings.violationId, id));
      expect(handling).toMatchObject({ state: "REVERTED" });
      const messages = await t.shard.db.select().from(outbox).where(eq(outbox.orderingKey, id));
      expect(messages.map((m) => m.type)).toEqual(["violation.handled", "violation.reverted"]);
      // Messages of one violation are delivered in order, one per batch: drain until nothing is left.
      for (let i = 0; i < 5 && (await t.shard.relay.pending()) > 0; i += 1) await t.shard.relay.drainOnce();
      expect(t.home.messages.filter((m) => m.payload.violationId === id).map((m) => m.type)).toEqual([
        "violation.handled",
        "violation.reverted",
      ]);
      // A reverted violation can be handled again, with a new deadline.
      expect((await handleViolation(t, citizen, id, true, `again-${id}`)).data!.handleViolation.ok).toBe(true);
    });

    it("does not revert at exactly payBy, reverts 1 ms later, and never reverts a paid handling", async () => {
      t.clock.set(START);
      const unpaid = await handled();
      const paid = await handled();
      expect((await payFine(t, citizen, paid, "APP", `pay-${paid}`)).data!.payFine.ok).toBe(true);
      t.clock.advance(2 * 3600_000);
      expect(await t.shard.sweeper.sweepOnce()).toBe(0);
      t.clock.advance(1);
      expect(await t.shard.sweeper.sweepOnce()).toBe(1);
      expect((await violation(t, officer51, unpaid)).data!.violation!.status).toBe("UNHANDLED");
      expect((await violation(t, officer51, paid)).data!.violation!.status).toBe("PAID");
    });

    it("runs the sweeper and the relay on /internal/tick, for a service token only", async () => {
      t.clock.set(START);
      const id = await handled();
      t.clock.advance(2 * 3600_000 + 1);
      expect((await fetch(`${t.url}/internal/tick`, { method: "POST" })).status).toBe(401);
      const token = await signServiceToken("province-51", SIMULATOR, t.clock.now());
      const res = await fetch(`${t.url}/internal/tick`, { method: "POST", headers: { authorization: bearer(token) } });
      expect(await res.json()).toMatchObject({ reverted: 1 });
      expect((await violation(t, officer51, id)).data!.violation!.status).toBe("UNHANDLED");
    });
  });
}
