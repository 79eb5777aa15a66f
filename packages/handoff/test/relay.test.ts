import { SERVICE_TOKEN_TTL_SECONDS, type ServiceSigner } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { VirtualClock } from "@jg/service-kit";
import { eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { enqueue } from "../src/enqueue";
import { outbox } from "../src/tables";
import * as schema from "./schema";
import { relayWorld } from "./relay-world";
import { handled, RECEIVER, recorded, SENDER_SIGNER, startReceiver, violationId } from "./support";

for (const engine of testEngines()) {
  describe(`outbox relay on ${engine.name}`, () => {
    const w = relayWorld(engine, { backoff: { baseMs: 1_000, maxMs: 8_000, jitter: 0 } });
    const row = async (id: string) => (await w.database.db.select().from(outbox)).find((r) => (r.payload as { messageId: string }).messageId === id);

    it("enqueue inside a rolled-back transaction leaves no message", async () => {
      const rollback = new Error("business change failed");
      await expect(
        w.database.db.transaction(async (tx) => {
          await enqueue(tx, { destination: RECEIVER, message: recorded(violationId(), w.clock.now()) });
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(await w.relay().pending()).toBe(0);
    });

    it("enqueue refuses a message the receiver would refuse, and stores nothing", async () => {
      const message = recorded(violationId(), w.clock.now());
      const invalid = { ...message, payload: { ...message.payload, fineYuan: -5 } };
      await expect(w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message: invalid }))).rejects.toThrow(
        /fineYuan/,
      );
      expect(await w.relay().pending()).toBe(0);
    });

    it("delivers to a real HTTP receiver, which processes it through its inbox, and marks it delivered", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      const r = w.relay();
      expect(await r.pending()).toBe(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId]);
      expect((await row(message.messageId))?.deliveredAt?.toISOString()).toBe(w.clock.now().toISOString());
      expect(await w.database.db.select().from(schema.notes).where(eq(schema.notes.messageId, message.messageId))).toHaveLength(1);
      expect(await r.pending()).toBe(0);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(r.stats()).toMatchObject({ delivered: 1, failed: 0 });
    });

    it("retries a receiver that answers 500 twice, waiting the backoff on the virtual clock each time", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      w.receiver.failNext(500, 500);
      const r = w.relay();
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off: 1 s not yet passed
      w.clock.advance(1_000);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      w.clock.advance(1_999); // second backoff is 2 s
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      w.clock.advance(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId, message.messageId, message.messageId]);
      const stored = await row(message.messageId);
      expect(stored).toMatchObject({ attempts: 3, lastError: null });
      expect(stored?.deliveredAt).not.toBeNull();
    });

    it("keeps a message through a dead receiver (closed port) and delivers it once one listens again", async () => {
      const dead = await startReceiver(w.database.db, w.clock);
      await dead.close();
      let target = dead.url;
      const r = w.relay({ destinations: () => target });
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
        const stored = await row(message.messageId);
        expect(stored?.attempts).toBe(attempt);
        expect(stored?.lastError).toMatch(/ECONNREFUSED|connect|Socket|closed/i);
        w.clock.advance(8_000);
      }
      target = w.receiver.url;
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId]);
      expect(await r.pending()).toBe(0);
    });

    it("R-SYNC-1: holds a message until created_at + delivery delay on the injected clock", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      const r = w.relay({ deliveryDelayMs: 60_000 });
      w.clock.advance(59_999);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(w.receiver.hits).toEqual([]);
      w.clock.advance(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(r.stats().lastLagMs).toBe(0);
    });

    it("never lets a later message about one violation overtake an earlier one that is backing off", async () => {
      const held = violationId();
      const other = violationId();
      const first = recorded(held, w.clock.now());
      const second = handled(held, w.clock.now());
      const unrelated = recorded(other, w.clock.now());
      await w.send(first, second, unrelated);
      // By message, not "the next request": a batch sends its heads in parallel, in no fixed order.
      w.receiver.failFor(first.messageId, 500);
      const r = w.relay();
      // Batch 1: heads of each violation's queue only: `first` (fails) and `unrelated` (delivered).
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 1 });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // `second` waits behind `first`
      w.clock.advance(1_000);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits.filter((id) => id !== unrelated.messageId)).toEqual([
        first.messageId,
        first.messageId,
        second.messageId,
      ]);
    });

    it("delivers one message once even when its delivery is repeated (inbox answers duplicate)", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      const r = w.relay();
      await r.drainOnce();
      // Simulate a lost acknowledgement: the row goes back to undelivered and is sent again.
      await w.database.db.update(outbox).set({ deliveredAt: null }).where(isNull(outbox.lastError));
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId, message.messageId]);
      expect(await w.database.db.select().from(schema.notes).where(eq(schema.notes.messageId, message.messageId))).toHaveLength(1);
    });

    it("fault injection: a message lost on the way and then an acknowledgement lost are retried with backoff, and processed once", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      const losses: ("request" | "answer")[] = ["request", "answer"];
      const r = w.relay({ lossInTransit: () => losses.shift() });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(w.receiver.hits).toEqual([]); // never reached the receiver
      expect((await row(message.messageId))?.lastError).toMatch(/lost in transit/);
      w.clock.advance(1_000);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(w.receiver.hits).toEqual([message.messageId]); // processed, but the answer was lost
      expect((await row(message.messageId))?.lastError).toMatch(/acknowledgement \(HTTP 200\) lost/);
      w.clock.advance(1_999);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // second backoff is 2 s
      w.clock.advance(1);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId, message.messageId]);
      expect(await row(message.messageId)).toMatchObject({ attempts: 3, lastError: null });
      expect(await w.database.db.select().from(schema.notes).where(eq(schema.notes.messageId, message.messageId))).toHaveLength(1);
    });

    it("leaves a row leased by another relay alone until the lease expires on the wall clock", async () => {
      const wall = new VirtualClock("2026-03-01T00:00:00Z");
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      await w.database.db.update(outbox).set({ leaseUntil: new Date(wall.now().getTime() + 30_000) });
      const r = w.relay({ wallClock: wall });
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      wall.advance(30_001);
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
    });

    it("one internal client per relay: N messages to one destination sign one service token per audience while it is reused", async () => {
      let signatures = 0;
      // SENDER_SIGNER, counting signatures (signToken reads the key once per signature).
      const signer: ServiceSigner = {
        service: SENDER_SIGNER.service,
        kid: SENDER_SIGNER.kid,
        alg: SENDER_SIGNER.alg,
        get key() {
          signatures += 1;
          return SENDER_SIGNER.key;
        },
      };
      const r = w.relay({ signer, messagesPerRequest: 1 });
      const messages = Array.from({ length: 5 }, () => recorded(violationId(), w.clock.now()));
      await w.send(...messages);
      const requestsBefore = w.receiver.requests.length;
      expect(await r.drainOnce()).toEqual({ delivered: 5, failed: 0 });
      expect(w.receiver.requests.slice(requestsBefore)).toEqual(Array.from({ length: 5 }, () => ({ batched: false, size: 1 })));
      expect(signatures).toBe(1);
      // Later rounds within half the token's lifetime reuse it; past that, one new token.
      w.clock.advance((SERVICE_TOKEN_TTL_SECONDS * 1000) / 2 - 1);
      await w.send(recorded(violationId(), w.clock.now()), recorded(violationId(), w.clock.now()));
      expect(await r.drainOnce()).toEqual({ delivered: 2, failed: 0 });
      expect(signatures).toBe(1);
      w.clock.advance(1);
      await w.send(recorded(violationId(), w.clock.now()), recorded(violationId(), w.clock.now()));
      expect(await r.drainOnce()).toEqual({ delivered: 2, failed: 0 });
      expect(signatures).toBe(2);
    });

    it("start() polls in the background and stop() waits for the batch in flight", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      const r = w.relay({ pollIntervalMs: 10 });
      r.start();
      await expect.poll(() => w.receiver.hits.length, { timeout: 10_000 }).toBe(1);
      await r.stop();
      expect(await r.pending()).toBe(0);
    });
  });
}
