/**
 * On-demand benchmark of the outbox path (never a test): enqueue N messages, then drain them through
 * the relay to a real receiver on 127.0.0.1 that processes each through its inbox in its own database.
 * Reports throughput and SQL statements per message on each side.
 *
 *   npx tsx bench/handoff-outbox.bench.ts [messages=2000] [batchSize=50]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/handoff-outbox.bench.ts
 */
import { VirtualClock } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { enqueue, OutboxRelay } from "@jg/handoff";
// The handoff suite's own fixtures (a test database with the outbox/inbox tables, a real receiver).
import { openTestDb, RECEIVER, recorded, SENDER_SIGNER, startReceiver, violationId } from "../packages/handoff/test/support";

const total = Number(process.argv[2] ?? 2000);
const batchSize = Number(process.argv[3] ?? 50);

for (const engine of testEngines()) {
  const sender = await openTestDb(await engine.create());
  const receiverDb = await openTestDb(await engine.create());
  const clock = new VirtualClock("2026-03-01T08:00:00Z");
  const receiver = await startReceiver(receiverDb.db, clock);
  const destinations = { [RECEIVER]: { url: receiver.url } };
  const relay = new OutboxRelay({ db: sender.db, destinations, signer: SENDER_SIGNER, clock, batchSize });
  try {
    const t0 = performance.now();
    for (let i = 0; i < total; i += 100) {
      await sender.db.transaction(async (tx) => {
        for (let j = i; j < Math.min(total, i + 100); j++) {
          await enqueue(tx, { destination: RECEIVER, message: recorded(violationId(), clock.now()) });
        }
      });
    }
    const t1 = performance.now();
    sender.queries.reset();
    receiverDb.queries.reset();
    let delivered = 0;
    while (delivered < total) {
      const r = await relay.drainOnce();
      if (r.delivered + r.failed === 0) throw new Error("relay stalled");
      delivered += r.delivered;
    }
    const t2 = performance.now();
    const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
    console.log(
      `${engine.name}: enqueue ${rate(total, t1 - t0)} msg/s; relay ${rate(total, t2 - t1)} msg/s (batch ${batchSize}); ` +
        `SQL per message: sender ${(sender.queries.count / total).toFixed(2)}, receiver ${(receiverDb.queries.count / total).toFixed(2)}`,
    );
  } finally {
    await relay.stop();
    await receiver.close();
    await sender.close();
    await receiverDb.close();
    await engine.cleanup();
  }
}
