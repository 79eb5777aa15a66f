import { testEngines, whileTableLocked } from "@jg/service-kit/testing";
import { VirtualClock, type Database } from "@jg/service-kit";
import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HandoffMessage } from "../src/contract";
import { enqueue } from "../src/enqueue";
import { OutboxRelay, type OutboxRelayOptions } from "../src/relay";
import { outbox } from "../src/tables";
import * as schema from "./schema";
import {
  clearTables,
  handled,
  openTestDb,
  RECEIVER,
  recorded,
  SENDER_SIGNER,
  startReceiver,
  violationId,
  type TestReceiver,
} from "./support";

for (const engine of testEngines()) {
  describe(`outbox relay on ${engine.name}`, () => {
    let database: Database<typeof schema>;
    let url: string | undefined;
    let receiver: TestReceiver;
    const clock = new VirtualClock("2026-03-01T08:00:00Z");
    const relays: OutboxRelay<typeof schema>[] = [];

    function relay(extra: Partial<OutboxRelayOptions<typeof schema>> = {}): OutboxRelay<typeof schema> {
      const r = new OutboxRelay({
        db: database.db,
        destinations: { [RECEIVER]: { url: receiver.url } },
        signer: SENDER_SIGNER,
        clock,
        backoff: { baseMs: 1_000, maxMs: 8_000, jitter: 0 },
        ...extra,
      });
      relays.push(r);
      return r;
    }

    const send = (...messages: HandoffMessage[]): Promise<void> =>
      database.db.transaction(async (tx) => {
        for (const message of messages) await enqueue(tx, { destination: RECEIVER, message });
      });

    const row = async (id: string) => (await database.db.select().from(outbox)).find((r) => (r.payload as { messageId: string }).messageId === id);

    beforeAll(async () => {
      url = await engine.create();
      database = await openTestDb(url);
      receiver = await startReceiver(database.db, clock);
    });
    beforeEach(async () => {
      await clearTables(database.db);
      receiver.hits.length = 0;
    });
    afterAll(async () => {
      for (const r of relays) await r.stop();
      await receiver.close();
      await database.close();
      await engine.cleanup();
    });

    it("enqueue inside a rolled-back transaction leaves no message", async () => {
      const rollback = new Error("business change failed");
      await expect(
        database.db.transaction(async (tx) => {
          await enqueue(tx, { destination: RECEIVER, message: recorded(violationId(), clock.now()) });
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(await relay().pending()).toBe(0);
    });

    it("enqueue refuses a message the receiver would refuse, and stores nothing", async () => {
      const message = recorded(violationId(), clock.now());
      const invalid = { ...message, payload: { ...message.payload, fineYuan: -5 } };
      await expect(database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message: invalid }))).rejects.toThrow(
        /fineYuan/,
      );
      expect(await relay().pending()).toBe(0);
    });

    it("delivers to a real HTTP receiver, which processes it through its inbox, and marks it delivered", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      const r = relay();
      expect(await r.pending()).toBe(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.hits).toEqual([message.messageId]);
      expect((await row(message.messageId))?.deliveredAt?.toISOString()).toBe(clock.now().toISOString());
      expect(await database.db.select().from(schema.notes).where(eq(schema.notes.messageId, message.messageId))).toHaveLength(1);
      expect(await r.pending()).toBe(0);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(r.stats()).toMatchObject({ delivered: 1, failed: 0 });
    });

    it("retries a receiver that answers 500 twice, waiting the backoff on the virtual clock each time", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      receiver.failNext(500, 500);
      const r = relay();
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off: 1 s not yet passed
      clock.advance(1_000);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      clock.advance(1_999); // second backoff is 2 s
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      clock.advance(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.hits).toEqual([message.messageId, message.messageId, message.messageId]);
      const stored = await row(message.messageId);
      expect(stored).toMatchObject({ attempts: 3, lastError: null });
      expect(stored?.deliveredAt).not.toBeNull();
    });

    it("keeps a message through a dead receiver (closed port) and delivers it once one listens again", async () => {
      const dead = await startReceiver(database.db, clock);
      await dead.close();
      let target = dead.url;
      const r = relay({ destinations: () => target });
      const message = recorded(violationId(), clock.now());
      await send(message);
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
        const stored = await row(message.messageId);
        expect(stored?.attempts).toBe(attempt);
        expect(stored?.lastError).toMatch(/ECONNREFUSED|connect|Socket|closed/i);
        clock.advance(8_000);
      }
      target = receiver.url;
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.hits).toEqual([message.messageId]);
      expect(await r.pending()).toBe(0);
    });

    it("R-SYNC-1: holds a message until created_at + delivery delay on the injected clock", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      const r = relay({ deliveryDelayMs: 60_000 });
      clock.advance(59_999);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(receiver.hits).toEqual([]);
      clock.advance(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(r.stats().lastLagMs).toBe(0);
    });

    it("never lets a later message about one violation overtake an earlier one that is backing off", async () => {
      const held = violationId();
      const other = violationId();
      const first = recorded(held, clock.now());
      const second = handled(held, clock.now());
      const unrelated = recorded(other, clock.now());
      await send(first, second, unrelated);
      // By message, not "the next request": a batch sends its heads in parallel, in no fixed order.
      receiver.failFor(first.messageId, 500);
      const r = relay();
      // Batch 1: heads of each violation's queue only: `first` (fails) and `unrelated` (delivered).
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 1 });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // `second` waits behind `first`
      clock.advance(1_000);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.hits.filter((id) => id !== unrelated.messageId)).toEqual([
        first.messageId,
        first.messageId,
        second.messageId,
      ]);
    });

    it("delivers one message once even when its delivery is repeated (inbox answers duplicate)", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      const r = relay();
      await r.drainOnce();
      // Simulate a lost acknowledgement: the row goes back to undelivered and is sent again.
      await database.db.update(outbox).set({ deliveredAt: null }).where(isNull(outbox.lastError));
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.hits).toEqual([message.messageId, message.messageId]);
      expect(await database.db.select().from(schema.notes).where(eq(schema.notes.messageId, message.messageId))).toHaveLength(1);
    });

    it("fault injection: a message lost on the way and then an acknowledgement lost are retried with backoff, and processed once", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      const losses: ("request" | "answer")[] = ["request", "answer"];
      const r = relay({ lossInTransit: () => losses.shift() });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(receiver.hits).toEqual([]); // never reached the receiver
      expect((await row(message.messageId))?.lastError).toMatch(/lost in transit/);
      clock.advance(1_000);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(receiver.hits).toEqual([message.messageId]); // processed, but the answer was lost
      expect((await row(message.messageId))?.lastError).toMatch(/acknowledgement \(HTTP 200\) lost/);
      clock.advance(1_999);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // second backoff is 2 s
      clock.advance(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(receiver.hits).toEqual([message.messageId, message.messageId]);
      expect(await row(message.messageId)).toMatchObject({ attempts: 3, lastError: null });
      expect(await database.db.select().from(schema.notes).where(eq(schema.notes.messageId, message.messageId))).toHaveLength(1);
    });

    it("leaves a row leased by another relay alone until the lease expires on the wall clock", async () => {
      const wall = new VirtualClock("2026-03-01T00:00:00Z");
      const message = recorded(violationId(), clock.now());
      await send(message);
      await database.db.update(outbox).set({ leaseUntil: new Date(wall.now().getTime() + 30_000) });
      const r = relay({ wallClock: wall });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      wall.advance(30_001);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
    });

    it("start() polls in the background and stop() waits for the batch in flight", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      const r = relay({ pollIntervalMs: 10 });
      r.start();
      await expect.poll(() => receiver.hits.length, { timeout: 10_000 }).toBe(1);
      await r.stop();
      expect(await r.pending()).toBe(0);
    });

    describe("batched delivery", () => {
      const notesOf = async () => (await database.db.select().from(schema.notes)).map((n) => n.messageId);

      it("sends one request per destination; a message whose handler fails is retried alone with backoff, the others applied once", async () => {
        const messages = Array.from({ length: 5 }, () => recorded(violationId(), clock.now()));
        await send(...messages);
        const failing = messages[2]!;
        receiver.throwFor(failing.messageId);
        receiver.requests.length = 0;
        const r = relay();
        expect(await r.drainOnce()).toEqual({ delivered: 4, failed: 1 });
        expect(receiver.requests).toEqual([{ batched: true, size: 5 }]);
        expect((await notesOf()).sort()).toEqual(messages.filter((m) => m !== failing).map((m) => m.messageId).sort());
        const stored = await row(failing.messageId);
        expect(stored).toMatchObject({ attempts: 1, deliveredAt: null });
        expect(stored?.lastError).toMatch(/receiver: HANDLER_FAILED/);
        expect(stored?.availableAt.getTime()).toBe(clock.now().getTime() + 1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off
        clock.advance(1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(receiver.requests.at(-1)).toEqual({ batched: true, size: 1 });
        expect((await notesOf()).filter((id) => id === failing.messageId)).toHaveLength(1);
        expect(await r.pending()).toBe(0);
      });

      it("splits a round into requests of messagesPerRequest", async () => {
        await send(...Array.from({ length: 7 }, () => recorded(violationId(), clock.now())));
        receiver.requests.length = 0;
        expect(await relay({ messagesPerRequest: 3 }).drainOnce()).toEqual({ delivered: 7, failed: 0 });
        expect(receiver.requests.map((q) => q.size).sort()).toEqual([1, 3, 3]);
      });

      it("keeps each violation's order: a later message waits while the earlier one fails inside a batch", async () => {
        const [a, b] = [violationId(), violationId()];
        const aRecorded = recorded(a, clock.now());
        const aHandled = handled(a, clock.now());
        const bRecorded = recorded(b, clock.now());
        const bHandled = handled(b, clock.now());
        await send(aRecorded, aHandled, bRecorded, bHandled);
        receiver.throwFor(aRecorded.messageId);
        const r = relay();
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 1 }); // heads only: aRecorded (fails), bRecorded
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 }); // bHandled; aHandled waits behind aRecorded
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
        clock.advance(1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
        expect(receiver.hits.filter((id) => id === aRecorded.messageId || id === aHandled.messageId)).toEqual([
          aRecorded.messageId,
          aRecorded.messageId,
          aHandled.messageId,
        ]);
        expect(receiver.hits.filter((id) => id === bRecorded.messageId || id === bHandled.messageId)).toEqual([
          bRecorded.messageId,
          bHandled.messageId,
        ]);
      });

      it("a batch redelivered after a lost acknowledgement is answered duplicate and not applied twice", async () => {
        const messages = Array.from({ length: 3 }, () => recorded(violationId(), clock.now()));
        await send(...messages);
        const r = relay({ lossInTransit: (row) => ((row.payload as { messageId: string }).messageId === messages[1]!.messageId ? "answer" : undefined) });
        expect(await r.drainOnce()).toEqual({ delivered: 2, failed: 1 });
        expect(await notesOf()).toHaveLength(3); // applied, but its answer was lost
        // Every row sent again (as after lost acknowledgements): duplicates, nothing applied twice.
        await database.db.update(outbox).set({ deliveredAt: null, availableAt: clock.now() });
        const again = relay();
        expect(await again.drainOnce()).toEqual({ delivered: 3, failed: 0 });
        expect(await notesOf()).toHaveLength(3);
      });

      it("a receiver down fails the whole batch, retried with backoff, and delivered in one request once it is up", async () => {
        const dead = await startReceiver(database.db, clock);
        await dead.close();
        let target = dead.url;
        const r = relay({ destinations: () => target });
        const messages = Array.from({ length: 4 }, () => recorded(violationId(), clock.now()));
        await send(...messages);
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 4 });
        for (const m of messages) expect(await row(m.messageId)).toMatchObject({ attempts: 1, deliveredAt: null });
        target = receiver.url;
        receiver.requests.length = 0;
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off
        clock.advance(1_000);
        expect(await r.drainOnce()).toEqual({ delivered: 4, failed: 0 });
        expect(receiver.requests).toEqual([{ batched: true, size: 4 }]);
        expect((await notesOf()).sort()).toEqual(messages.map((m) => m.messageId).sort());
      });

      it("messagesPerRequest 1 sends the single-message form, which the receiver still accepts (rolling upgrade)", async () => {
        const messages = Array.from({ length: 3 }, () => recorded(violationId(), clock.now()));
        await send(...messages);
        receiver.requests.length = 0;
        expect(await relay({ messagesPerRequest: 1 }).drainOnce()).toEqual({ delivered: 3, failed: 0 });
        expect(receiver.requests).toEqual([1, 2, 3].map(() => ({ batched: false, size: 1 })));
        expect(await notesOf()).toHaveLength(3);
      });
    });

    it("two relays draining in parallel deliver each message exactly once", async () => {
      const messages = Array.from({ length: 40 }, () => recorded(violationId(), clock.now()));
      await send(...messages);
      // PostgreSQL: a second pool, as a second process; each round both claims stand at a lock before
      // either writes, so without SKIP LOCKED they claim the same rows (tried). PGlite serialises them.
      const second = url ? await openTestDb(url, 4) : undefined;
      try {
        const a = relay({ batchSize: 5 });
        const b = second ? relay({ batchSize: 5, db: second.db }) : relay({ batchSize: 5 });
        const both = () => Promise.all([a.drainOnce(), b.drainOnce()]);
        let rounds = 0;
        while ((await a.pending()) > 0 && rounds++ < 40) await (url ? whileTableLocked(url, { table: "outbox", waiting: 2 }, both) : both());
        expect(await a.pending()).toBe(0);
        expect([...receiver.hits].sort()).toEqual(messages.map((m) => m.messageId).sort());
        expect(a.stats().delivered + b.stats().delivered).toBe(40);
        expect(a.stats().delivered).toBeGreaterThan(0);
        expect(b.stats().delivered).toBeGreaterThan(0);
      } finally {
        await second?.close();
      }
    });
  });
}
