/**
 * On-demand benchmark of the outbox path (never a test): enqueue N messages, then drain them through
 * the relay to a real receiver on 127.0.0.1 that processes each through its inbox in its own database.
 * Reports throughput and SQL statements per message on each side, for each delivery mode in one run,
 * interleaved (`--repeat` times):
 *
 * - `single`: one request per message (`messagesPerRequest: 1`, the single-message form; what the relay
 *   did before batched delivery), each message its own receiver transaction;
 * - `batch/message`: batched requests, one receiver transaction per message (`transactionPer: "message"`);
 * - `batch/savepoint`: batched requests, one receiver transaction per batch, a savepoint per message
 *   (`transactionPer: "savepoint"`);
 * - `batch/one`: batched requests, one receiver transaction per batch without savepoints, redone with
 *   savepoints only if a handler fails (`transactionPer: "batch"`, the default).
 *
 * `--engines=postgres` skips PGlite.
 *
 *   npx tsx bench/handoff-outbox.bench.ts [--messages=2000] [--batch=100] [--repeat=1] [--modes=single,batch/message,batch/savepoint,batch/one] [--engines=pglite,postgres]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/handoff-outbox.bench.ts
 */
import { loadavg } from "node:os";
import { VirtualClock } from "@jg/service-kit";
import { testEngines } from "@jg/service-kit/testing";
import { enqueue, OutboxRelay } from "@jg/handoff";
// The handoff suite's own fixtures (a test database with the outbox/inbox tables, a real receiver).
import { clearTables, openTestDb, RECEIVER, recorded, SENDER_SIGNER, startReceiver, violationId } from "../packages/handoff/test/support";
import { flags } from "./flags";

const args = flags();
const total = Number(args.messages ?? 2000);
const batchSize = Number(args.batch ?? 100);
const repeat = Number(args.repeat ?? 1);
type Mode = "single" | "batch/message" | "batch/savepoint" | "batch/one";
const modes = (args.modes ?? "single,batch/message,batch/savepoint,batch/one").split(",") as Mode[];
const engines = args.engines?.split(",");

for (const engine of testEngines().filter((e) => !engines || engines.includes(e.name))) {
  const sender = await openTestDb(await engine.create());
  const receiverDb = await openTestDb(await engine.create());
  const clock = new VirtualClock("2026-03-01T08:00:00Z");
  const receivers = {
    message: await startReceiver(receiverDb.db, clock, { transactionPer: "message" }),
    savepoint: await startReceiver(receiverDb.db, clock, { transactionPer: "savepoint" }),
    one: await startReceiver(receiverDb.db, clock, { transactionPer: "batch" }),
  };
  try {
    for (let round = 1; round <= repeat; round++) {
      for (const mode of modes) {
        await clearTables(sender.db);
        await clearTables(receiverDb.db);
        const receiver = mode === "batch/message" ? receivers.message : mode === "batch/savepoint" ? receivers.savepoint : receivers.one;
        const relay = new OutboxRelay({
          db: sender.db,
          destinations: { [RECEIVER]: { url: receiver.url } },
          signer: SENDER_SIGNER,
          clock,
          batchSize,
          messagesPerRequest: mode === "single" ? 1 : batchSize,
        });
        try {
          for (let i = 0; i < total; i += 100) {
            await sender.db.transaction(async (tx) => {
              for (let j = i; j < Math.min(total, i + 100); j++) {
                await enqueue(tx, { destination: RECEIVER, message: recorded(violationId(), clock.now()) });
              }
            });
          }
          sender.queries.reset();
          receiverDb.queries.reset();
          const t1 = performance.now();
          let delivered = 0;
          while (delivered < total) {
            const r = await relay.drainOnce();
            if (r.delivered + r.failed === 0 || r.failed > 0) throw new Error(`relay stalled or failed: ${JSON.stringify(r)}`);
            delivered += r.delivered;
          }
          const t2 = performance.now();
          console.log(
            `${engine.name} round ${round} ${mode.padEnd(15)}: relay ${Math.round((total * 1000) / (t2 - t1))} msg/s (claim ${batchSize}); ` +
              `SQL per message: sender ${(sender.queries.count / total).toFixed(2)}, receiver ${(receiverDb.queries.count / total).toFixed(2)}; ` +
              `load ${loadavg()[0]!.toFixed(1)}`,
          );
        } finally {
          await relay.stop();
        }
      }
    }
  } finally {
    await receivers.message.close();
    await receivers.savepoint.close();
    await receivers.one.close();
    await sender.close();
    await receiverDb.close();
    await engine.cleanup();
  }
}
