import { bearer, signerOf, signServiceToken } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { rowsOf, VirtualClock } from "@jg/service-kit";
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { batchRuns } from "../src/messages-batch";
import { handleMessagesRequest, type HandleMessagesRequestInput } from "../src/messages-route";
import { inbox } from "../src/tables";
import * as schema from "./schema";
import { inboxSuite, note, notes, handled, DIRECTORY, KEYS, RECEIVER, recorded, SENDER_SIGNER, violationId, type TestDb } from "./support";

for (const engine of testEngines()) {
  describe(`inbox on ${engine.name}`, () => {
    const t = inboxSuite(engine);
    const clock = new VirtualClock("2026-03-01T08:00:00Z");

    describe("handleMessagesRequest, batched form", () => {
      type Input = HandleMessagesRequestInput<typeof schema>;
      /** A request to the receiver, signed by `signer` unless `options` give their own `authHeader`. */
      const receive = async (options: Omit<Input, "db" | "authHeader" | "directory" | "audience"> & Partial<Pick<Input, "authHeader">>, signer = SENDER_SIGNER) =>
        handleMessagesRequest({
          db: t.database.db,
          authHeader: bearer(await signServiceToken(RECEIVER, signer, clock.now())),
          directory: DIRECTORY,
          audience: RECEIVER,
          ...options,
        });
      const errors: unknown[] = [];
      // Throws for the messages in `breaking` after writing its note, so a rollback is visible.
      const breaking = new Set<string>();
      const flaky = async (tx: TestDb, m: { messageId: string; type: string }) => {
        await note(tx, m);
        if (breaking.has(m.messageId)) throw new Error("handler broke");
      };
      const call = async (messages: unknown, transactionPer?: "batch" | "savepoint" | "message", signer = SENDER_SIGNER) =>
        receive({
          body: { messages },
          handlers: { "violation.recorded": flaky },
          now: clock.now(),
          onError: (err) => errors.push(err),
          ...(transactionPer ? { transactionPer } : {}),
        }, signer);
      const results = (answer: Awaited<ReturnType<typeof call>>) => (answer.json as { results: { outcome: string; error?: string }[] }).results;

      for (const mode of ["batch", "savepoint", "message"] as const) {
        it(`transactions per ${mode}: a failing message is rolled back alone, the others are applied, and it is answered failed with its reason`, async () => {
          errors.length = 0;
          const [a, b, c] = [0, 1, 2].map(() => recorded(violationId(), clock.now()));
          breaking.add(b!.messageId);
          const answer = await call([a, b, c], mode);
          expect(answer.status).toBe(200);
          expect(results(answer)).toEqual([
            { messageId: a!.messageId, outcome: "applied" },
            { messageId: b!.messageId, outcome: "failed", error: "HANDLER_FAILED: handler failed" },
            { messageId: c!.messageId, outcome: "applied" },
          ]);
          expect(errors).toHaveLength(1);
          expect((await notes(t.database.db)).map((n) => n.messageId).sort()).toEqual([a!.messageId, c!.messageId].sort());
          expect((await t.database.db.select().from(inbox)).map((r) => r.messageId).sort()).toEqual([a!.messageId, c!.messageId].sort());
          // Retried once the handler works: applied, and the others are duplicates.
          breaking.delete(b!.messageId);
          expect(results(await call([a, b, c], mode)).map((r) => r.outcome)).toEqual(["duplicate", "applied", "duplicate"]);
          expect(await notes(t.database.db)).toHaveLength(3);
        });
      }

      it("inboxed handlers: a message alone is recorded and applied by one statement; a duplicate changes nothing; a declined or failing one takes the ordinary path (a failure reported)", async () => {
        const statements: string[] = [];
        const reported: string[] = [];
        let decline = false;
        let fail = false;
        const alone = async (messages: unknown[]) =>
          receive({
            body: { messages },
            handlers: { "violation.recorded": flaky },
            inboxedHandlers: {
              "violation.recorded": async (db, m, inboxInsert) => {
                const statement = sql`with inboxed as (${inboxInsert(decline ? sql`false` : sql`true`)}),
                  written as (insert into notes (message_id, body) select ${m.messageId}, ${m.type} where ${fail ? sql`1 / 0 = 1` : sql`true`} and exists (select 1 from inboxed))
                  select exists (select 1 from inboxed) as fresh`;
                statements.push(m.messageId);
                const [row] = rowsOf<{ fresh: boolean }>(await db.execute(statement));
                return decline ? "declined" : row?.fresh ? "processed" : "duplicate";
              },
            },
            now: clock.now(),
            onError: (_err, m) => reported.push(m.messageId),
          });
        const [a, b, c, d] = [0, 1, 2, 3].map(() => recorded(violationId(), clock.now()));
        expect(results(await alone([a])).map((r) => r.outcome)).toEqual(["applied"]);
        expect(results(await alone([a])).map((r) => r.outcome)).toEqual(["duplicate"]);
        expect(statements).toEqual([a!.messageId, a!.messageId]);
        decline = true;
        expect(results(await alone([b])).map((r) => r.outcome)).toEqual(["applied"]); // by the ordinary handler
        decline = false;
        fail = true;
        expect(results(await alone([c])).map((r) => r.outcome)).toEqual(["applied"]); // the statement failed whole; the ordinary path applied it
        expect(reported).toEqual([c!.messageId]); // and its failure was reported, not swallowed
        fail = false;
        statements.length = 0;
        expect(results(await alone([d, a])).map((r) => r.outcome)).toEqual(["applied", "duplicate"]); // not alone: the batch's transaction
        expect(statements).toEqual([]);
        const noted = (await notes(t.database.db)).map((n) => n.messageId);
        expect(noted.filter((id) => id === a!.messageId)).toHaveLength(1);
        expect(new Set(noted)).toEqual(new Set([a, b, c, d].map((m) => m!.messageId)));
        expect(await t.database.db.select().from(inbox).where(inArray(inbox.messageId, [a, b, c, d].map((m) => m!.messageId)))).toHaveLength(4);
      });

      it("a message twice in one batch is applied once (the second is a duplicate), and again in the next batch", async () => {
        const m = recorded(violationId(), clock.now());
        const other = recorded(violationId(), clock.now());
        expect(results(await call([m, other, m])).map((r) => r.outcome)).toEqual(["applied", "applied", "duplicate"]);
        expect(results(await call([m])).map((r) => r.outcome)).toEqual(["duplicate"]);
        // The single-message form (rolling upgrade) sees the same inbox.
        const single = await receive({
          body: m,
          handlers: { "violation.recorded": note },
          now: clock.now(),
        });
        expect(single).toEqual({ status: 200, json: { outcome: "duplicate", messageId: m.messageId } });
        expect(await notes(t.database.db)).toHaveLength(2);
      });

      it("answers each message: invalid, no handler, another province's violation, each failed alone (issue 10 §5)", async () => {
        const ok = recorded(violationId(), clock.now());
        const invalid = { ...recorded(violationId(), clock.now()), messageId: "not-a-uuid" };
        const noHandler = handled(violationId(), clock.now());
        const answer = await call([invalid, ok, noHandler]);
        expect(answer.status).toBe(200);
        const r = results(answer);
        expect(r.map((x) => x.outcome)).toEqual(["failed", "applied", "failed"]);
        expect(r[0]).toMatchObject({ messageId: "not-a-uuid", error: expect.stringMatching(/^BAD_MESSAGE: .*messageId/) });
        expect(r[2]?.error).toMatch(/^NO_HANDLER/);
        // Province 52's key, messages about Sichuan violations: every one refused, nothing recorded.
        const p52 = await call([recorded(violationId(), clock.now())], undefined, signerOf(KEYS, "province-52"));
        expect(results(p52)).toEqual([expect.objectContaining({ outcome: "failed", error: "SENDER_NOT_PROVINCE_OF_VIOLATION" })]);
        expect((await notes(t.database.db)).map((n) => n.messageId)).toEqual([ok.messageId]);
      });

      describe("batch handlers (issue 18 follow-up)", () => {
        // Each call of the batch handler leaves one note per message, its body naming the call.
        const calls: string[][] = [];
        const batchCall = async (messages: unknown[], throwOn?: string) =>
          receive({
            body: { messages },
            handlers: { "violation.recorded": flaky, "violation.handled": note },
            batchHandlers: {
              "violation.recorded": async (tx, ms) => {
                calls.push(ms.map((m) => m.messageId));
                for (const m of ms) await tx.insert(schema.notes).values({ messageId: m.messageId, body: `batch of ${ms.length}` });
                if (throwOn && ms.some((m) => m.messageId === throwOn)) throw new Error("batch broke");
              },
            },
            now: clock.now(),
            onError: (err) => errors.push(err),
          });

        it("consecutive new recorded messages of distinct violations go to one call, in order; duplicates, other types and a repeated violation split the runs", async () => {
          calls.length = 0;
          const [a, b, c, d] = [0, 1, 2, 3].map(() => recorded(violationId(), clock.now()));
          const h = handled(a!.payload.violationId, clock.now());
          const again = recorded(c!.payload.violationId, clock.now()); // same violation as c, a new message
          const e = recorded(violationId(), clock.now());
          const answer = await batchCall([a, b, a, c, again, h, d, c, e]);
          expect(results(answer).map((r) => r.outcome)).toEqual(["applied", "applied", "duplicate", "applied", "applied", "applied", "applied", "duplicate", "applied"]);
          expect(calls).toEqual([
            [a!.messageId, b!.messageId, c!.messageId],
            [d!.messageId, e!.messageId],
          ]);
          const bodies = Object.fromEntries((await notes(t.database.db)).map((n) => [n.messageId, n.body]));
          expect(bodies).toEqual({
            [a!.messageId]: "batch of 3",
            [b!.messageId]: "batch of 3",
            [c!.messageId]: "batch of 3",
            // c's violation again: a run of its own, which uses the per-message handler.
            [again.messageId]: "violation.recorded",
            [h.messageId]: "violation.handled",
            [d!.messageId]: "batch of 2",
            [e.messageId]: "batch of 2",
          });
        });

        it("a batch handler that throws rolls the batch back; the savepoint fallback applies each message alone, so only the failing one is answered failed", async () => {
          calls.length = 0;
          errors.length = 0;
          const [a, b, c] = [0, 1, 2].map(() => recorded(violationId(), clock.now()));
          breaking.add(b!.messageId);
          const answer = await batchCall([a, b, c], b!.messageId);
          expect(results(answer)).toEqual([
            { messageId: a!.messageId, outcome: "applied" },
            { messageId: b!.messageId, outcome: "failed", error: "HANDLER_FAILED: handler failed" },
            { messageId: c!.messageId, outcome: "applied" },
          ]);
          expect(calls).toHaveLength(1);
          // Nothing of the batch call stands: the notes are the per-message handler's.
          expect((await notes(t.database.db)).map((n) => [n.messageId, n.body]).sort()).toEqual(
            [
              [a!.messageId, "violation.recorded"],
              [c!.messageId, "violation.recorded"],
            ].sort(),
          );
          expect((await t.database.db.select().from(inbox)).map((r) => r.messageId).sort()).toEqual([a!.messageId, c!.messageId].sort());
          breaking.delete(b!.messageId);
        });

        it("batchRuns keeps the order and never puts one violation twice in a run", () => {
          const [a, b] = [0, 1].map(() => recorded(violationId(), clock.now()));
          const a2 = recorded(a!.payload.violationId, clock.now());
          const h = handled(b!.payload.violationId, clock.now());
          const runs = batchRuns([a!, b!, a2, h, h], (type) => type === "violation.recorded");
          expect(runs.map((run) => run.map((m) => m.messageId))).toEqual([[a!.messageId, b!.messageId], [a2.messageId], [h.messageId], [h.messageId]]);
          expect(batchRuns([a!, b!], () => false)).toHaveLength(2);
        });
      });

      it("answers 400 to an empty list, a list longer than 500, or messages that are not a list; 401 without a token", async () => {
        expect((await call([])).status).toBe(400);
        expect((await call("nope")).status).toBe(400);
        const m = recorded(violationId(), clock.now());
        expect((await call(Array.from({ length: 501 }, () => m))).status).toBe(400);
        const noToken = await receive({
          body: { messages: [m] },
          authHeader: undefined,
          handlers: { "violation.recorded": note },
          now: clock.now(),
        });
        expect(noToken.status).toBe(401);
        expect(await notes(t.database.db)).toHaveLength(0);
      });
    });
  });
}
