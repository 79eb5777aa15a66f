/**
 * Shared fixtures for the handoff integration suites: the test database, valid messages, and a real
 * HTTP receiver on 127.0.0.1 port 0 that runs the production `/internal/messages` handler, with a
 * script of forced failures and a record of every hit.
 */
import { fileURLToPath } from "node:url";
import { generateKeySet, KeyDirectory, signerOf } from "@jg/identity";
import { openDatabase, startHttpServer, type Clock, type Database, type Db } from "@jg/service-kit";
import type { TestEngine } from "@jg/service-kit/testing";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { sql } from "drizzle-orm";
import { buildMessage, type MessageOf } from "../src/contract";
import { messagesRoute } from "../src/messages-route";
import * as schema from "./schema";

export const RECEIVER = "home-platform";
export const SENDER = "province-51";
/** Keys of this run: the receiver, the sender (province 51) and another province (52). */
export const KEYS = generateKeySet([
  { service: RECEIVER, roles: ["platform"] },
  { service: SENDER, roles: ["province"], province: "51" },
  { service: "province-52", roles: ["province"], province: "52" },
]);
export const DIRECTORY = new KeyDirectory(KEYS.directory);
export const SENDER_SIGNER = signerOf(KEYS, SENDER);
export type TestDb = Db<typeof schema>;

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export function openTestDb(url: string | undefined, poolSize?: number): Promise<Database<typeof schema>> {
  return openDatabase({ schema, migrationsFolder, url, ...(poolSize ? { poolSize } : {}) });
}

export async function clearTables(db: TestDb): Promise<void> {
  await db.execute(sql`truncate outbox, inbox, notes`);
}

let serial = 0;
/** A unique, valid 16-digit Sichuan violation ID. */
export function violationId(): string {
  serial += 1;
  return `510100${String(Date.now() % 1e6).padStart(6, "0")}${String(serial % 10_000).padStart(4, "0")}`;
}

export function recorded(id: string, at: Date): MessageOf<"violation.recorded"> {
  return buildMessage({
    type: "violation.recorded",
    source: SENDER,
    provinceCode: "51",
    occurredAt: at,
    payload: {
      violationId: id,
      provinceCode: "51",
      plate: "渝A12345",
      plateType: "02",
      code: "1352",
      descriptionZh: "机动车违反禁令标志指示的",
      descriptionEn: "Disobeying a prohibition sign",
      location: "成都市天府大道",
      occurredAt: "2026-02-28T10:00:00+08:00",
      source: "CAMERA",
      fineYuan: 100,
      points: 3,
      warningOnly: false,
      recordedAt: at.toISOString(),
    },
  });
}

export function handled(id: string, at: Date): MessageOf<"violation.handled"> {
  return buildMessage({
    type: "violation.handled",
    source: SENDER,
    provinceCode: "51",
    occurredAt: at,
    payload: {
      violationId: id,
      handlingId: `h-${id}`,
      decisionNumber: `5101002026${id.slice(-6)}`,
      accountId: "acc-1",
      handledAt: at.toISOString(),
      payBy: new Date(at.getTime() + 2 * 3600_000).toISOString(),
      points: 3,
      fineYuan: 100,
    },
  });
}

export interface TestReceiver {
  url: string;
  /** messageId of every message that reached the receiver, in arrival order (including forced failures). */
  hits: string[];
  /** Bodies of the requests received, in order: how many messages each one carried. */
  requests: { batched: boolean; size: number }[];
  /** Statuses to answer before handling normally, consumed one per request (a batch fails whole). */
  failNext(...statuses: number[]): void;
  /**
   * Statuses to answer to one message, whatever request carries it: in a batch, that message alone is
   * answered "failed" (the others are handled), one status consumed per delivery.
   */
  failFor(messageId: string, ...statuses: number[]): void;
  /** Makes the handler itself throw for this message during the next request carrying it (a real rolled-back failure). */
  throwFor(messageId: string): void;
  close(): Promise<void>;
}

/** A receiver that processes messages into `notes` through the real inbox. */
export async function startReceiver(db: TestDb, clock: Clock, options: { transactionPer?: "batch" | "savepoint" | "message" } = {}): Promise<TestReceiver> {
  const hits: string[] = [];
  const requests: { batched: boolean; size: number }[] = [];
  const forced: number[] = [];
  const forcedFor = new Map<string, number[]>();
  const throwing = new Map<string, number>();
  // Messages whose handler throws during the request in progress (every time it runs in that request).
  const throwingNow = new Set<string>();
  const note = async (tx: TestDb, m: { messageId: string; type: string }) => {
    await tx.insert(schema.notes).values({ messageId: m.messageId, body: m.type });
    if (throwingNow.has(m.messageId)) throw new Error(`handler failure forced for ${m.messageId}`);
  };
  // The production route, wrapped to count hits and to force failures before it runs.
  const route = messagesRoute({
    db,
    clock,
    directory: DIRECTORY,
    audience: RECEIVER,
    handlers: { "violation.recorded": note, "violation.handled": note },
    ...options,
  });
  const server = await startHttpServer({
    routes: [
      {
        ...route,
        handler: async (req) => {
          const body = req.body as { messageId?: string; messages?: { messageId?: string }[] } | undefined;
          if (!Array.isArray(body?.messages)) {
            const id = body?.messageId ?? "?";
            hits.push(id);
            requests.push({ batched: false, size: 1 });
            const status = forcedFor.get(id)?.shift() ?? forced.shift();
            return status === undefined ? route.handler(req) : { status, json: { error: "forced" } };
          }
          const messages = body.messages;
          const ids = messages.map((m) => m.messageId ?? "?");
          hits.push(...ids);
          requests.push({ batched: true, size: messages.length });
          const status = forced.shift();
          if (status !== undefined) return { status, json: { error: "forced" } };
          // Messages forced to fail are answered "failed" here; the rest go to the production handler.
          const failing = ids.map((id) => forcedFor.get(id)?.shift());
          const rest = messages.filter((_, i) => failing[i] === undefined);
          for (const id of ids) {
            const n = throwing.get(id) ?? 0;
            if (n > 0) {
              throwing.set(id, n - 1);
              throwingNow.add(id);
            }
          }
          const answer = await (rest.length > 0
            ? Promise.resolve(route.handler({ ...req, body: { messages: rest } }))
            : Promise.resolve({ status: 200, json: { results: [] } })
          ).finally(() => throwingNow.clear());
          if (answer.status !== 200) return answer;
          const handledResults = [...(answer.json as { results: unknown[] }).results];
          const results = ids.map((id, i) =>
            failing[i] === undefined ? handledResults.shift() : { messageId: id, outcome: "failed", error: `forced ${failing[i]}` },
          );
          return { status: 200, json: { results } };
        },
      },
    ],
  });
  return {
    url: server.url,
    hits,
    requests,
    throwFor: (id) => throwing.set(id, (throwing.get(id) ?? 0) + 1),
    failNext: (...s) => forced.push(...s),
    failFor: (id, ...s) => forcedFor.set(id, [...(forcedFor.get(id) ?? []), ...s]),
    close: () => server.close(),
  };
}

/** A describe block's database on `engine`: opened before its tests, cleared before each, closed after. */
export function inboxSuite(engine: TestEngine): { database: Database<typeof schema> } {
  const suite = {} as { database: Database<typeof schema> };
  beforeAll(async () => {
    suite.database = await openTestDb(await engine.create());
  });
  beforeEach(() => clearTables(suite.database.db));
  afterAll(async () => {
    await suite.database.close();
    await engine.cleanup();
  });
  return suite;
}

/** A handler's visible effect: a note row per message. */
export async function note(tx: TestDb, m: { messageId: string; type: string }): Promise<void> {
  await tx.insert(schema.notes).values({ messageId: m.messageId, body: m.type });
}

/** The notes written so far. */
export function notes(db: TestDb) {
  return db.select().from(schema.notes);
}
