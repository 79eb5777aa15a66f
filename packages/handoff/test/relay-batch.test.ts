/**
 * The outbox relay delivering in batches (one request per destination for up to `messagesPerRequest`
 * messages, a failing message retried alone) and two relays draining one outbox in parallel.
 */
import { testEngines, whileTableLocked } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { outbox } from "../src/tables";
import * as schema from "./schema";
import { relayWorld } from "./relay-world";
import { handled, openTestDb, recorded, startReceiver, violationId } from "./support";

for (const engine of testEngines()) {
  describe(`outbox relay batches and parallel relays on ${engine.name}`, () => {
    const w = relayWorld(engine, { backoff: { baseMs: 1_000, maxMs: 8_000, jitter: 0 } });
    const row = async (id: string) => (await w.database.db.select().from(outbox)).find((r) => (r.payload as { messageId: string }).messageId === id);

    describe("batched delivery", () => {
      const notesOf = async () => (await w.database.db.select().from(schema.notes)).map((n) => n.messageId);

      it("sends one request per destination; a message whose handler fails is retried alone with backoff, the others applied once", async () => {
        const messages = Array.from({ length: 5 }, () => recorded(violationId(), w.clock.now()));
        await w.send(...messages);
        const failing = messages[2]!;
        w.receiver.throwFor(failing.messageId);
        w.receiver.requests.length = 0;
        const r = w.relay();
        expect(await r.drainOnce()).toEqual({ delivered: 4, failed: 1 });
        expect(w.receiver.requests).toEqual([{ batched: true, size: 5 }]);
        expect((await notesOf()).sort()).toEqual(messages.filter((m) => m !== failing).map((m) => m.messageId).sort());
        const stored = await row(failing.messageId);
        expect(stored).toMatchObject({ attempts: 1, deliveredAt: null });
        expect(stored?.lastError).toMatch(/receiver: HANDLER_FAILED/);
        expect(stored?.availableAt.getTime()).toBe(w.clock.now().getTime() + 1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off
        w.clock.advance(1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(w.receiver.requests.at(-1)).toEqual({ batched: true, size: 1 });
        expect((await notesOf()).filter((id) => id === failing.messageId)).toHaveLength(1);
        expect(await r.pending()).toBe(0);
      });

      it("settles a batch's failed messages in one statement, each with its own attempts, error and backoff", async () => {
        const messages = Array.from({ length: 3 }, () => recorded(violationId(), w.clock.now()));
        await w.send(...messages);
        const r = w.relay();
        const settles = () => w.database.queries.recorded.filter((q) => /^update "outbox"/i.test(q) && q.includes("last_error") && !q.includes("returning")); // not the claim
        for (const m of messages) w.receiver.throwFor(m.messageId);
        w.database.queries.reset();
        w.database.queries.record();
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 3 });
        expect(settles(), settles().join("\n")).toHaveLength(1);
        // messages[0] fails again (attempts 2: backoff 2 s), settled beside the others' delivery.
        w.clock.advance(1_000);
        w.receiver.throwFor(messages[0]!.messageId);
        w.database.queries.reset();
        expect(await r.drainOnce()).toEqual({ delivered: 2, failed: 1 });
        expect(settles()).toHaveLength(2); // the delivered rows, the failed one
        const stored = await Promise.all(messages.map((m) => row(m.messageId)));
        expect(stored[0]).toMatchObject({ attempts: 2, deliveredAt: null, leaseUntil: null });
        expect(stored[0]?.lastError).toMatch(/receiver: HANDLER_FAILED/);
        expect(stored[0]?.availableAt.getTime()).toBe(w.clock.now().getTime() + 2_000);
        expect(stored.slice(1).map((s) => [s?.attempts, s?.deliveredAt !== null, s?.lastError])).toEqual([[2, true, null], [2, true, null]]);
      });

      it("splits a round into requests of messagesPerRequest", async () => {
        await w.send(...Array.from({ length: 7 }, () => recorded(violationId(), w.clock.now())));
        w.receiver.requests.length = 0;
        expect(await w.relay({ messagesPerRequest: 3 }).drainOnce()).toEqual({ delivered: 7, failed: 0 });
        expect(w.receiver.requests.map((q) => q.size).sort()).toEqual([1, 3, 3]);
      });

      it("keeps each violation's order: a later message waits while the earlier one fails inside a batch", async () => {
        const [a, b] = [violationId(), violationId()];
        const aRecorded = recorded(a, w.clock.now());
        const aHandled = handled(a, w.clock.now());
        const bRecorded = recorded(b, w.clock.now());
        const bHandled = handled(b, w.clock.now());
        await w.send(aRecorded, aHandled, bRecorded, bHandled);
        w.receiver.throwFor(aRecorded.messageId);
        const r = w.relay();
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 1 }); // heads only: aRecorded (fails), bRecorded
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 }); // bHandled; aHandled waits behind aRecorded
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
        w.clock.advance(1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(w.receiver.hits.filter((id) => id === aRecorded.messageId || id === aHandled.messageId)).toEqual([
          aRecorded.messageId,
          aRecorded.messageId,
          aHandled.messageId,
        ]);
        expect(w.receiver.hits.filter((id) => id === bRecorded.messageId || id === bHandled.messageId)).toEqual([
          bRecorded.messageId,
          bHandled.messageId,
        ]);
      });

      it("a batch redelivered after a lost acknowledgement is answered duplicate and not applied twice", async () => {
        const messages = Array.from({ length: 3 }, () => recorded(violationId(), w.clock.now()));
        await w.send(...messages);
        const r = w.relay({ lossInTransit: (row) => ((row.payload as { messageId: string }).messageId === messages[1]!.messageId ? "answer" : undefined) });
        expect(await r.drainOnce()).toEqual({ delivered: 2, failed: 1 });
        expect(await notesOf()).toHaveLength(3); // applied, but its answer was lost
        // Every row sent again (as after lost acknowledgements): duplicates, nothing applied twice.
        await w.database.db.update(outbox).set({ deliveredAt: null, availableAt: w.clock.now() });
        const again = w.relay();
        expect(await again.drainOnce()).toEqual({ delivered: 3, failed: 0 });
        expect(await notesOf()).toHaveLength(3);
      });

      it("a receiver down fails the whole batch, retried with backoff, and delivered in one request once it is up", async () => {
        const dead = await startReceiver(w.database.db, w.clock);
        await dead.close();
        let target = dead.url;
        const r = w.relay({ destinations: () => target });
        const messages = Array.from({ length: 4 }, () => recorded(violationId(), w.clock.now()));
        await w.send(...messages);
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 4 });
        for (const m of messages) expect(await row(m.messageId)).toMatchObject({ attempts: 1, deliveredAt: null });
        target = w.receiver.url;
        w.receiver.requests.length = 0;
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off
        w.clock.advance(1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 4, failed: 0 });
        expect(w.receiver.requests).toEqual([{ batched: true, size: 4 }]);
        expect((await notesOf()).sort()).toEqual(messages.map((m) => m.messageId).sort());
      });

      it("messagesPerRequest 1 sends the single-message form, which the receiver still accepts (rolling upgrade)", async () => {
        const messages = Array.from({ length: 3 }, () => recorded(violationId(), w.clock.now()));
        await w.send(...messages);
        w.receiver.requests.length = 0;
        expect(await w.relay({ messagesPerRequest: 1 }).drainOnce()).toEqual({ delivered: 3, failed: 0 });
        expect(w.receiver.requests).toEqual([1, 2, 3].map(() => ({ batched: false, size: 1 })));
        expect(await notesOf()).toHaveLength(3);
      });
    });

    it("two relays draining in parallel deliver each message exactly once", async () => {
      const messages = Array.from({ length: 40 }, () => recorded(violationId(), w.clock.now()));
      await w.send(...messages);
      // PostgreSQL: a second pool, as a second process; each round both claims stand at a lock before
      // either writes, so without SKIP LOCKED they claim the same rows (tried). PGlite serialises them.
      const second = w.url ? await openTestDb(w.url, 4) : undefined;
      try {
        const a = w.relay({ batchSize: 5 });
        const b = second ? w.relay({ batchSize: 5, db: second.db }) : w.relay({ batchSize: 5 });
        const both = () => Promise.all([a.drainOnce(), b.drainOnce()]);
        let rounds = 0;
        while ((await a.pending()) > 0 && rounds++ < 40) await (w.url ? whileTableLocked(w.url, { table: "outbox", waiting: 2 }, both) : both());
        expect(await a.pending()).toBe(0);
        expect([...w.receiver.hits].sort()).toEqual(messages.map((m) => m.messageId).sort());
        expect(a.stats().delivered + b.stats().delivered).toBe(40);
        expect(a.stats().delivered).toBeGreaterThan(0);
        expect(b.stats().delivered).toBeGreaterThan(0);
      } finally {
        await second?.close();
      }
    });
  });
}
