/**
 * OutboxRelay.wake (issue 18): a committed transaction wakes the polling relay instead of waiting its
 * interval. The relays here poll once an hour, so only a wake can deliver within a test.
 */
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import type { HandoffMessage } from "../src/contract";
import { enqueue } from "../src/enqueue";
import { outbox } from "../src/tables";
import { relayWorld } from "./relay-world";
import { handled, RECEIVER, recorded, violationId } from "./support";

const HOUR_MS = 3_600_000;

for (const engine of testEngines()) {
  describe(`outbox relay wake on ${engine.name}`, () => {
    const w = relayWorld(engine, { pollIntervalMs: HOUR_MS });

    /**
     * A running relay (leases of 30 s) paused for an hour, and one recorded message enqueued with its
     * handover, which its insert leased; `breakClaims(true)` makes every claim throw (the wall clock's now
     * is not a date: the claim's statement parameters cannot be built).
     */
    async function handedOne() {
      let broken = false;
      const r = w.relay({ wallClock: { now: () => (broken ? new Date(Number.NaN) : new Date()) } });
      r.start();
      await r.drainOnce(); // the loop's first round is over: it pauses for an hour
      const message = recorded(violationId(), w.clock.now());
      const handover = r.handover()!;
      await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message, handover }));
      expect(handover.rows).toHaveLength(1);
      const breakClaims = (on: boolean) => {
        broken = on;
      };
      return { r, message, handover, breakClaims };
    }

    it("a message committed while the relay pauses is delivered on wake, not after the interval", async () => {
      const r = w.relay();
      r.start();
      await r.drainOnce(); // queued behind the loop's first round: the relay has found nothing and pauses for an hour
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      expect(await r.pending()).toBe(1);
      r.wake();
      await expect.poll(() => w.receiver.hits, { timeout: 20_000 }).toEqual([message.messageId]);
      await expect.poll(() => r.pending(), { timeout: 20_000 }).toBe(0);
    });

    it("a wake during a round makes another round follow it at once", async () => {
      // Both messages are about one violation, so the first round may claim only the earlier one; the
      // wake arrives while that round is sending, and the next round takes the later one.
      const id = violationId();
      const first = recorded(id, w.clock.now());
      const second = handled(id, w.clock.now());
      await w.send(first, second);
      let woke = false;
      const r = w.relay({
        lossInTransit: () => {
          if (!woke) r.wake();
          woke = true;
          return undefined;
        },
      });
      r.start();
      await expect.poll(() => w.receiver.hits, { timeout: 20_000 }).toEqual([first.messageId, second.messageId]);
      expect(woke).toBe(true);
    });

    it("claim on enqueue: the rows an insert leased are delivered on wake(handover), a later one of the same violation after them", async () => {
      const r = w.relay();
      expect(r.handover()).toBeUndefined(); // not running: enqueue leases nothing
      r.start();
      await r.drainOnce(); // the loop's first round is over: it pauses for an hour
      const id = violationId();
      const first = recorded(id, w.clock.now());
      const other = recorded(violationId(), w.clock.now());
      const second = handled(id, w.clock.now());
      const handover = r.handover()!;
      await w.database.db.transaction(async (tx) => {
        for (const message of [first, other, second]) await enqueue(tx, { destination: RECEIVER, message, handover });
      });
      // The first of each violation is leased by its insert; the later one waits for the earlier.
      expect(handover.rows.map((row) => (row.payload as { messageId: string }).messageId)).toEqual([first.messageId, other.messageId]);
      const leased = await w.database.db.select({ type: outbox.type, lease: outbox.leaseUntil }).from(outbox);
      expect(leased.filter((row) => row.lease !== null)).toHaveLength(2);
      expect(handover.unleased).toBe(1);
      // The handed rows go out in a round whose claim (asked for by the unleased row) finds the handled one
      // blocked by its recorded one; the round after it claims the handled one.
      r.wake(handover);
      await expect.poll(() => w.receiver.hits.length, { timeout: 20_000 }).toBe(3);
      expect(new Set(w.receiver.hits.slice(0, 2))).toEqual(new Set([first.messageId, other.messageId]));
      expect(w.receiver.hits.indexOf(second.messageId)).toBeGreaterThan(w.receiver.hits.indexOf(first.messageId));
      await expect.poll(() => r.pending(), { timeout: 20_000 }).toBe(0);
    });

    it("claim on enqueue: rows rolled back (a transaction, a savepoint) are never sent; a relay with a delivery delay hands nothing over", async () => {
      const r = w.relay();
      r.start();
      await r.drainOnce(); // the loop's first round is over: it pauses for an hour
      // A failed attempt: its handover is dropped (never woken, never reused); a retry takes a new one.
      const lost = recorded(violationId(), w.clock.now());
      const failed = r.handover()!;
      await expect(
        w.database.db.transaction(async (tx) => {
          await enqueue(tx, { destination: RECEIVER, message: lost, handover: failed });
          throw new Error("business change failed");
        }),
      ).rejects.toThrow("business change failed");
      // A savepoint that rolls back inside a transaction that commits, woken with the transaction's handover.
      const ghost = recorded(violationId(), w.clock.now());
      const kept = recorded(violationId(), w.clock.now());
      const handover = r.handover()!;
      await w.database.db.transaction(async (tx) => {
        await tx
          .transaction(async (savepoint) => {
            await enqueue(savepoint, { destination: RECEIVER, message: ghost, handover });
            throw new Error("this part of the change failed; the rest commits");
          })
          .catch(() => undefined);
        await enqueue(tx, { destination: RECEIVER, message: kept, handover });
      });
      expect(handover.rows.map((row) => (row.payload as { messageId: string }).messageId)).toEqual([kept.messageId]);
      expect(handover.unleased).toBe(1); // the savepoint's insert took no lease and asks for a claim
      r.wake(handover);
      await expect.poll(() => w.receiver.hits, { timeout: 20_000 }).toEqual([kept.messageId]);
      await expect.poll(() => r.pending(), { timeout: 20_000 }).toBe(0);
      r.wake(); // a claim finds nothing of either rolled-back row
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(w.receiver.hits).toEqual([kept.messageId]);
      const delayed = w.relay({ deliveryDelayMs: 1_000 });
      delayed.start();
      expect(delayed.handover()).toBeUndefined();
    });

    it("claim on enqueue: a follow-up enqueued while its earlier row is handed over is claimed by the round after the one that sends it", async () => {
      const r = w.relay();
      r.start();
      await r.drainOnce(); // pauses for an hour: only wakes and the rounds they make run
      const id = violationId();
      const first = recorded(id, w.clock.now());
      const second = handled(id, w.clock.now());
      const commit = async (message: HandoffMessage) => {
        const handover = r.handover()!;
        await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message, handover }));
        return handover;
      };
      const h1 = await commit(first);
      const h2 = await commit(second);
      expect([h1.rows.length, h2.rows.length, h2.unleased]).toEqual([1, 0, 1]);
      r.wake(h1);
      r.wake(h2); // asks for a claim, which runs in the round sending the recorded one and finds the handled blocked
      await expect.poll(() => w.receiver.hits, { timeout: 20_000 }).toEqual([first.messageId, second.messageId]);
    });

    it("claim on enqueue: a round sends at most batchSize rows, handed ones included", async () => {
      const r = w.relay({ batchSize: 2 });
      r.start();
      await r.drainOnce();
      const messages = Array.from({ length: 5 }, () => recorded(violationId(), w.clock.now()));
      const handover = r.handover()!;
      await w.database.db.transaction(async (tx) => {
        for (const message of messages) await enqueue(tx, { destination: RECEIVER, message, handover });
      });
      expect(handover.rows).toHaveLength(5);
      const before = w.receiver.requests.length;
      r.wake(handover);
      await expect.poll(() => w.receiver.hits.length, { timeout: 20_000 }).toBe(5);
      expect(w.receiver.requests.slice(before).map((request) => request.size)).toEqual([2, 2, 1]);
    });

    it("claim on enqueue: handed rows go back when the round's claim fails, and are sent by the next round", async () => {
      const { r, message, handover, breakClaims } = await handedOne();
      breakClaims(true);
      r.wake(handover);
      r.wake(); // asks for a claim in that round
      await expect.poll(() => r.drainOnce().then(() => false, () => true), { timeout: 20_000 }).toBe(true);
      expect(w.receiver.hits).toEqual([]);
      breakClaims(false);
      r.wake();
      await expect.poll(() => w.receiver.hits, { timeout: 20_000 }).toEqual([message.messageId]);
    });

    it("refuses start() while stop() is running, and hands nothing over from then on", async () => {
      const r = w.relay();
      r.start();
      await r.drainOnce();
      const stopping = r.stop();
      expect(() => r.start()).toThrow("stopped");
      expect(r.handover()).toBeUndefined();
      await stopping;
      expect(() => r.start()).toThrow("stopped");
    });

    it("claim on enqueue: stop() sends a handover woken while it runs in its last round", async () => {
      const { r, message, handover } = await handedOne();
      const stopping = r.stop();
      r.wake(handover); // the producer's transaction committed while the relay stops
      await stopping;
      expect(w.receiver.hits).toEqual([message.messageId]);
      expect(await r.pending()).toBe(0);
    });

    it("stop() called again while it runs returns the first call's promise: no second last round (review 1, F6)", async () => {
      const { r, message, handover } = await handedOne();
      const first = r.stop();
      r.wake(handover);
      const second = r.stop();
      expect(second).toBe(first);
      await Promise.all([first, second]);
      expect(w.receiver.hits).toEqual([message.messageId]);
    });

    it("claim on enqueue: with batchSize 1 and a claim due every round, stop() still sends its handed rows (review 1, F6: it spun)", async () => {
      const r = w.relay({ batchSize: 1, pollIntervalMs: 0 });
      r.start();
      await r.drainOnce();
      const message = recorded(violationId(), w.clock.now());
      const handover = r.handover()!;
      await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message, handover }));
      const stopping = r.stop();
      r.wake(handover); // into stop()'s last rounds, each of which claims (the poll interval is 0): before, each took 0 handed rows and stop() never returned
      await stopping;
      expect(w.receiver.hits).toEqual([message.messageId]);
      expect(await r.pending()).toBe(0);
    });

    it("claim on enqueue: stop() gives up the leases of handed rows its last round could not send, so another relay claims them at once", async () => {
      const { r, message, handover, breakClaims } = await handedOne();
      breakClaims(true); // every round's claim throws: the handed row stays in hand
      r.wake(handover);
      r.wake(); // asks for a claim in every round from then on (a failed claim asks again)
      await r.stop();
      expect(w.receiver.hits).toEqual([]);
      const [row] = await w.database.db.select({ lease: outbox.leaseUntil, delivered: outbox.deliveredAt }).from(outbox);
      expect(row).toEqual({ lease: null, delivered: null });
      // The next relay (the shard's after a restart, another process) sends it now, not 30 s later.
      expect(await w.relay().drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId]);
    });

    it("claim on enqueue: stop() gives up only the leases it holds: a row claimed by another relay meanwhile keeps that relay's lease", async () => {
      const { r, handover, breakClaims } = await handedOne();
      // As if this relay's lease had expired and another relay had claimed the row, its send in flight.
      const theirs = new Date(handover.leaseUntil.getTime() + 60_000);
      await w.database.db.update(outbox).set({ leaseUntil: theirs });
      breakClaims(true);
      r.wake(handover);
      r.wake();
      await r.stop();
      expect(w.receiver.hits).toEqual([]);
      const [row] = await w.database.db.select({ lease: outbox.leaseUntil }).from(outbox);
      expect(row?.lease).toEqual(theirs);
    });

    it("claim on enqueue: a leased row whose relay never got it back is claimed after its lease", async () => {
      const r = w.relay({ leaseMs: 50 });
      r.start();
      const message = recorded(violationId(), w.clock.now());
      const handover = r.handover()!;
      await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message, handover }));
      expect(handover.rows).toHaveLength(1);
      expect(await r.drainOnce()).toEqual({ delivered: 0, failed: 0 }); // leased: not claimable yet
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(w.receiver.hits).toEqual([message.messageId]);
    });

    it("does nothing while the relay is not running", async () => {
      const message = recorded(violationId(), w.clock.now());
      await w.send(message);
      const r = w.relay();
      r.wake();
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      r.start();
      r.wake();
      await r.stop();
      r.wake();
      expect(w.receiver.hits).toEqual([message.messageId]);
    });
  });
}

for (const engine of testEngines()) {
  describe(`outbox relay under a stream of handovers on ${engine.name}`, () => {
    // Poll 50 ms, a failed row's backoff 20 ms; producers hand rows over every 10 ms, so every round has handed rows.
    const w = relayWorld(engine, { pollIntervalMs: 50, maxIdleMs: 100, backoff: { baseMs: 20, maxMs: 20, jitter: 0 } });

    it("keeps claiming at least once per poll interval: a failed row is retried and a follow-up goes out during the stream", async () => {
      const r = w.relay();
      r.start();
      await r.drainOnce();
      const send = async (message: HandoffMessage) => {
        const handover = r.handover();
        await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message, handover }));
        r.wake(handover);
      };
      const failing = recorded(violationId(), w.clock.now());
      w.receiver.failFor(failing.messageId, 500);
      await send(failing);
      await expect.poll(() => w.receiver.hits.includes(failing.messageId), { timeout: 5_000 }).toBe(true);
      const id = violationId();
      const first = recorded(id, w.clock.now());
      const second = handled(id, w.clock.now());
      const handovers = [r.handover(), r.handover()];
      await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message: first, handover: handovers[0] }));
      await w.database.db.transaction((tx) => enqueue(tx, { destination: RECEIVER, message: second, handover: handovers[1] }));
      // The handled one is not leased (its recorded one is undelivered) and its handover is never woken:
      // only a claim can send it.
      expect(handovers[1]!.rows).toHaveLength(0);
      r.wake(handovers[0]);
      const until = Date.now() + 800;
      while (Date.now() < until) {
        await send(recorded(violationId(), w.clock.now()));
        w.clock.advance(10);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const hits = [...w.receiver.hits];
      await r.stop();
      expect(hits.filter((hit) => hit === failing.messageId).length, "the failed row was retried during the stream").toBeGreaterThanOrEqual(2);
      expect(hits, "the follow-up went out during the stream").toContain(second.messageId);
      expect(hits.indexOf(second.messageId)).toBeGreaterThan(hits.indexOf(first.messageId));
    });
  });
}
