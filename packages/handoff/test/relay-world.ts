/**
 * The world of the outbox relay tests, one per engine: a database with the outbox and inbox tables, a
 * real HTTP receiver processing through its inbox, a virtual clock, and relays made on demand with the
 * suite's defaults (every one stopped after the suite). Registers the suite's hooks when called inside
 * a `describe`.
 */
import type { TestEngine } from "@jg/service-kit/testing";
import { VirtualClock, type Database } from "@jg/service-kit";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { HandoffMessage } from "../src/contract";
import { enqueue } from "../src/enqueue";
import { OutboxRelay, type OutboxRelayOptions } from "../src/relay";
import type * as schema from "./schema";
import { clearTables, openTestDb, RECEIVER, SENDER_SIGNER, startReceiver, type TestReceiver } from "./support";

type Options = Partial<OutboxRelayOptions<typeof schema>>;

export interface RelayWorld {
  readonly database: Database<typeof schema>;
  /** The PostgreSQL URL of the database (undefined on PGlite). */
  readonly url: string | undefined;
  readonly receiver: TestReceiver;
  readonly clock: VirtualClock;
  /** A relay to the receiver with the suite's defaults and `extra`. */
  relay(extra?: Options): OutboxRelay<typeof schema>;
  /** Enqueues `messages` to the receiver in one transaction. */
  send(...messages: HandoffMessage[]): Promise<void>;
}

export function relayWorld(engine: TestEngine, defaults: Options): RelayWorld {
  const relays: OutboxRelay<typeof schema>[] = [];
  let database: Database<typeof schema> | undefined;
  let receiver: TestReceiver | undefined;
  let url: string | undefined;
  const world: RelayWorld = {
    get database() {
      return database!;
    },
    get url() {
      return url;
    },
    get receiver() {
      return receiver!;
    },
    clock: new VirtualClock("2026-03-01T08:00:00Z"),
    relay(extra = {}) {
      const r = new OutboxRelay({ db: database!.db, destinations: { [RECEIVER]: { url: receiver!.url } }, signer: SENDER_SIGNER, clock: world.clock, ...defaults, ...extra });
      relays.push(r);
      return r;
    },
    send: (...messages) =>
      database!.db.transaction(async (tx) => {
        for (const message of messages) await enqueue(tx, { destination: RECEIVER, message });
      }),
  };
  beforeAll(async () => {
    url = await engine.create();
    database = await openTestDb(url);
    receiver = await startReceiver(database.db, world.clock);
  });
  beforeEach(async () => {
    await clearTables(database!.db);
    receiver!.hits.length = 0;
  });
  afterAll(async () => {
    for (const r of relays) await r.stop();
    await receiver?.close();
    await database?.close();
    await engine.cleanup();
  });
  return world;
}
