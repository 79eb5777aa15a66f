import { bearer, generateServiceKey, signerFromJwk, signerOf, signServiceToken } from "@jg/identity";
import { testEngines } from "@jg/service-kit/testing";
import { VirtualClock } from "@jg/service-kit";
import { describe, expect, it } from "vitest";
import { receive } from "../src/inbox";
import { handleMessagesRequest, type MessageHandlers } from "../src/messages-route";
import { inbox } from "../src/tables";
import * as schema from "./schema";
import { inboxSuite, note, notes, handled, DIRECTORY, KEYS, RECEIVER, recorded, SENDER, SENDER_SIGNER, violationId, type TestDb } from "./support";

for (const engine of testEngines()) {
  describe(`inbox on ${engine.name}`, () => {
    const t = inboxSuite(engine);
    const clock = new VirtualClock("2026-03-01T08:00:00Z");

    it("runs the handler once for a message delivered twice; the second time is a duplicate", async () => {
      const message = recorded(violationId(), clock.now());
      expect(await receive(t.database.db, message, note, clock.now())).toBe("processed");
      expect(await receive(t.database.db, message, note, clock.now())).toBe("duplicate");
      expect(await notes(t.database.db)).toHaveLength(1);
      expect(await t.database.db.select().from(inbox)).toEqual([
        { messageId: message.messageId, type: "violation.recorded", source: SENDER, receivedAt: clock.now() },
      ]);
    });

    it("rolls back the inbox row with a failing handler, so the retried message is processed", async () => {
      const message = recorded(violationId(), clock.now());
      const failing = async (tx: TestDb) => {
        await tx.insert(schema.notes).values({ messageId: message.messageId, body: "half-done" });
        throw new Error("handler broke");
      };
      await expect(receive(t.database.db, message, failing, clock.now())).rejects.toThrow("handler broke");
      expect(await t.database.db.select().from(inbox)).toHaveLength(0);
      expect(await notes(t.database.db)).toHaveLength(0);
      expect(await receive(t.database.db, message, note, clock.now())).toBe("processed");
      expect((await notes(t.database.db)).map((n) => n.body)).toEqual(["violation.recorded"]);
    });

    describe("handleMessagesRequest", () => {
      const handlers: MessageHandlers<typeof schema> = { "violation.recorded": note };
      const token = (audience = RECEIVER, signer = SENDER_SIGNER) => signServiceToken(audience, signer, clock.now());
      const call = async (body: unknown, authHeader: string | undefined, h = handlers) =>
        handleMessagesRequest({
          db: t.database.db,
          body,
          authHeader,
          directory: DIRECTORY,
          audience: RECEIVER,
          handlers: h,
          now: clock.now(),
        });

      it("answers 200 processed, then 200 duplicate, for a valid message with a valid token", async () => {
        const message = recorded(violationId(), clock.now());
        const auth = bearer(await token());
        expect(await call(message, auth)).toEqual({ status: 200, json: { outcome: "processed", messageId: message.messageId } });
        expect(await call(message, auth)).toEqual({ status: 200, json: { outcome: "duplicate", messageId: message.messageId } });
        expect(await notes(t.database.db)).toHaveLength(1);
      });

      it("answers 401 without a token, with a token for another audience, or a forged one", async () => {
        const message = recorded(violationId(), clock.now());
        expect((await call(message, undefined)).status).toBe(401);
        expect((await call(message, bearer(await token("province-50")))).status).toBe(401);
        const stranger = signerFromJwk(SENDER_SIGNER.service, generateServiceKey(SENDER_SIGNER.service).privateJwk);
        const forged = await signServiceToken(RECEIVER, stranger, clock.now());
        expect((await call(message, bearer(forged))).status).toBe(401);
        expect(await notes(t.database.db)).toHaveLength(0);
      });

      it("answers 403 to a province reporting on another province's violation, or on its own under another name (issue 10 §5)", async () => {
        const p52 = signerOf(KEYS, "province-52");
        // Province 52's key, a message about a Sichuan (51) violation: refused, whatever the envelope says.
        const about51 = recorded(violationId(), clock.now());
        expect((await call(about51, bearer(await token(RECEIVER, p52)))).status).toBe(403);
        const disguised = { ...recorded(violationId(), clock.now()), source: "province-52", provinceCode: "52" };
        expect((await call(disguised, bearer(await token(RECEIVER, p52)))).status).toBe(403);
        // Province 51's key, a message naming another source: refused.
        expect((await call({ ...recorded(violationId(), clock.now()), source: "province-52" }, bearer(await token()))).status).toBe(403);
        expect(await notes(t.database.db)).toHaveLength(0);
      });

      it("answers 400 for an invalid message and 422 for a type it has no handler for", async () => {
        const auth = bearer(await token());
        const bad = { ...recorded(violationId(), clock.now()), messageId: "not-a-uuid" };
        const answer = await call(bad, auth);
        expect(answer.status).toBe(400);
        expect(JSON.stringify(answer.json)).toContain("messageId");
        expect((await call(handled(violationId(), clock.now()), auth)).status).toBe(422);
        expect(await t.database.db.select().from(inbox)).toHaveLength(0);
      });

      it("answers 500 when the handler fails and records nothing, so the sender retries", async () => {
        const message = recorded(violationId(), clock.now());
        const errors: unknown[] = [];
        const broken: MessageHandlers<typeof schema> = {
          "violation.recorded": async () => {
            throw new Error("db constraint");
          },
        };
        const answer = await handleMessagesRequest({
          db: t.database.db,
          body: message,
          authHeader: bearer(await token()),
          directory: DIRECTORY,
          audience: RECEIVER,
          handlers: broken,
          now: clock.now(),
          onError: (err) => errors.push(err),
        });
        expect(answer).toEqual({ status: 500, json: { error: "handler failed" } });
        expect(errors).toHaveLength(1);
        expect(await t.database.db.select().from(inbox)).toHaveLength(0);
        expect((await call(message, bearer(await token()))).status).toBe(200);
      });
    });
  });
}
