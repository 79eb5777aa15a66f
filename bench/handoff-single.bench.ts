/**
 * On-demand benchmark of the journey's handoff path (never a test): one message per transaction, as a
 * recording, a handling or a payment writes it, relayed at once by a running relay woken after the
 * commit (with claim on enqueue, issue 12, when the relay offers a handover) to a real receiver on
 * 127.0.0.1 that applies it through its inbox. Messages go one after the other (each awaited at the
 * receiver), as under the simulator's load where they are mostly alone in their batch. Reports the
 * process CPU and the SQL statements per message on each side.
 *
 *   npx tsx bench/handoff-single.bench.ts [--messages=400] [--repeat=3] [--engines=pglite,postgres]
 */
import { loadavg } from "node:os";
import { VirtualClock } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { enqueue, OutboxRelay } from "@jg/handoff";
import { clearTables, openTestDb, RECEIVER, recorded, SENDER_SIGNER, startReceiver, violationId } from "../packages/handoff/test/support";
import { flags } from "./flags";

const args = flags();
const total = Number(args.messages ?? 400);
const repeat = Number(args.repeat ?? 3);
const engines = args.engines?.split(",");

for (const engine of testEngines().filter((e) => !engines || engines.includes(e.name))) {
  const sender = await openTestDb(await engine.create());
  const receiverDb = await openTestDb(await engine.create());
  const clock = new VirtualClock("2026-03-01T08:00:00Z");
  const receiver = await startReceiver(receiverDb.db, clock);
  try {
    for (let round = 0; round <= repeat; round++) {
      await clearTables(sender.db);
      await clearTables(receiverDb.db);
      receiver.hits.length = 0;
      // The relay polls once an hour: only the wakes deliver.
      const relay = new OutboxRelay({ db: sender.db, destinations: { [RECEIVER]: { url: receiver.url } }, signer: SENDER_SIGNER, clock, pollIntervalMs: 3_600_000 });
      relay.start();
      await relay.drainOnce();
      // The base has no handover (claim on enqueue): it then wakes for a claim.
      const handoverOf = (relay as { handover?: () => unknown }).handover?.bind(relay);
      try {
        sender.queries.reset();
        receiverDb.queries.reset();
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        for (let i = 0; i < total; i++) {
          const handover = handoverOf?.() as Parameters<typeof enqueue>[1]["handover"];
          await sender.db.transaction(async (tx) => {
            await enqueue(tx, { destination: RECEIVER, message: recorded(violationId(), clock.now()), ...(handover ? { handover } : {}) });
          });
          (relay.wake as (h?: unknown) => void)(handover);
          while (receiver.hits.length <= i) await new Promise((resolve) => setImmediate(resolve));
        }
        while ((await relay.pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 1));
        const cpu = process.cpuUsage(cpu0);
        const wall = performance.now() - t0;
        if (round === 0) continue; // warm-up
        console.log(
          `${engine.name} round ${round}: CPU ${((cpu.user + cpu.system) / 1000 / total).toFixed(3)} ms a message, wall ${(wall / total).toFixed(3)} ms; ` +
            `SQL per message: sender ${(sender.queries.count / total).toFixed(2)}, receiver ${(receiverDb.queries.count / total).toFixed(2)}; load ${loadavg()[0]!.toFixed(1)}`,
        );
      } finally {
        await relay.stop();
      }
    }
  } finally {
    await receiver.close();
    await sender.close();
    await receiverDb.close();
    await engine.cleanup();
  }
}
