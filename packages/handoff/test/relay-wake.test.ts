/**
 * OutboxRelay.wake (issue 18): a committed transaction wakes the polling relay instead of waiting its
 * interval. The relays here poll once an hour, so only a wake can deliver within a test.
 */
import { testEngines } from "@jg/service-kit/testing";
import { VirtualClock, type Database } from "@jg/service-kit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HandoffMessage } from "../src/contract";
import { enqueue } from "../src/enqueue";
import { OutboxRelay, type OutboxRelayOptions } from "../src/relay";
import type * as schema from "./schema";
import { clearTables, handled, openTestDb, RECEIVER, recorded, SENDER_SIGNER, startReceiver, violationId, type TestReceiver } from "./support";

const HOUR_MS = 3_600_000;

for (const engine of testEngines()) {
  describe(`outbox relay wake on ${engine.name}`, () => {
    let database: Database<typeof schema>;
    let receiver: TestReceiver;
    const clock = new VirtualClock("2026-03-01T08:00:00Z");
    const relays: OutboxRelay<typeof schema>[] = [];

    function relay(extra: Partial<OutboxRelayOptions<typeof schema>> = {}): OutboxRelay<typeof schema> {
      const r = new OutboxRelay({
        db: database.db,
        destinations: { [RECEIVER]: { url: receiver.url } },
        signer: SENDER_SIGNER,
        clock,
        pollIntervalMs: HOUR_MS,
        ...extra,
      });
      relays.push(r);
      return r;
    }

    const send = (...messages: HandoffMessage[]): Promise<void> =>
      database.db.transaction(async (tx) => {
        for (const message of messages) await enqueue(tx, { destination: RECEIVER, message });
      });

    beforeAll(async () => {
      database = await openTestDb(await engine.create());
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

    it("a message committed while the relay pauses is delivered on wake, not after the interval", async () => {
      const r = relay();
      r.start();
      await r.drainOnce(); // queued behind the loop's first round: the relay has found nothing and pauses for an hour
      const message = recorded(violationId(), clock.now());
      await send(message);
      expect(await r.pending()).toBe(1);
      r.wake();
      await expect.poll(() => receiver.hits, { timeout: 20_000 }).toEqual([message.messageId]);
      await expect.poll(() => r.pending(), { timeout: 20_000 }).toBe(0);
    });

    it("a wake during a round makes another round follow it at once", async () => {
      // Both messages are about one violation, so the first round may claim only the earlier one; the
      // wake arrives while that round is sending, and the next round takes the later one.
      const id = violationId();
      const first = recorded(id, clock.now());
      const second = handled(id, clock.now());
      await send(first, second);
      let woke = false;
      const r = relay({
        lossInTransit: () => {
          if (!woke) r.wake();
          woke = true;
          return undefined;
        },
      });
      r.start();
      await expect.poll(() => receiver.hits, { timeout: 20_000 }).toEqual([first.messageId, second.messageId]);
      expect(woke).toBe(true);
    });

    it("does nothing while the relay is not running", async () => {
      const message = recorded(violationId(), clock.now());
      await send(message);
      const r = relay();
      r.wake();
      expect(await r.drainOnce()).toEqual({ delivered: 1, failed: 0 });
      r.start();
      r.wake();
      await r.stop();
      r.wake();
      expect(receiver.hits).toEqual([message.messageId]);
    });
  });
}
