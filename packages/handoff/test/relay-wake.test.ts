/**
 * OutboxRelay.wake (issue 18): a committed transaction wakes the polling relay instead of waiting its
 * interval. The relays here poll once an hour, so only a wake can deliver within a test.
 */
import { testEngines } from "@jg/service-kit/testing";
import { describe, expect, it } from "vitest";
import { relayWorld } from "./relay-world";
import { handled, recorded, violationId } from "./support";

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
