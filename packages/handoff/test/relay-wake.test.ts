/**
 * OutboxRelay.wake (issue 18): a committed transaction wakes the polling relay instead of waiting its
 * interval. The relays here poll once an hour, so only a wake can deliver within a test.
 */
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { enqueue } from "../src/enqueue";
import { outbox } from "../src/tables";
import { relayWorld } from "./relay-world";
import { handled, RECEIVER, recorded, violationId } from "./support";

const HOUR_MS = 3_600_000;

for (const engine of testEngines()) {
  describe(`outbox relay wake on ${engine.name}`, () => {
    const w = relayWorld(engine, { pollIntervalMs: HOUR_MS });

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
      r.wake(handover);
      await expect.poll(() => w.receiver.hits.length, { timeout: 20_000 }).toBe(2);
      expect(new Set(w.receiver.hits)).toEqual(new Set([first.messageId, other.messageId]));
      expect(await r.pending()).toBe(1);
      r.wake(); // a plain wake claims: the handled message, its recorded one delivered
      await expect.poll(() => w.receiver.hits, { timeout: 20_000 }).toContain(second.messageId);
      expect(w.receiver.hits.indexOf(second.messageId)).toBeGreaterThan(w.receiver.hits.indexOf(first.messageId));
      await expect.poll(() => r.pending(), { timeout: 20_000 }).toBe(0);
    });

    it("claim on enqueue: a rolled-back transaction's rows are never sent, and the relay has no delivery delay", async () => {
      const r = w.relay();
      r.start();
      const handover = r.handover()!;
      await expect(
        w.database.db.transaction(async (tx) => {
          await enqueue(tx, { destination: RECEIVER, message: recorded(violationId(), w.clock.now()), handover });
          throw new Error("business change failed");
        }),
      ).rejects.toThrow("business change failed");
      expect(handover.rows).toHaveLength(1); // leased inside the transaction, but wake(handover) is only called after a commit
      expect(await r.pending()).toBe(0);
      const delayed = w.relay({ deliveryDelayMs: 1_000 });
      delayed.start();
      expect(delayed.handover()).toBeUndefined();
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
