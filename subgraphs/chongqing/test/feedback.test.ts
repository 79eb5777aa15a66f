/**
 * Feedback (R-FBK-1): screenshots typed by their magic bytes, limited in count and size, stored with
 * their SHA-256; each citizen sees only their own; officers set the status.
 */
import { createHash } from "node:crypto";
import { testEngines } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackScreenshots, type AccountRow } from "../src/db/schema";
import { checkScreenshot } from "../src/feedback/screenshot";
import { gql, startTestPlatform, type TestPlatform } from "./flow";
import { driver } from "./people";

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake png body")]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF fake jpeg body")]);
const GIF = Buffer.from("GIF89a not allowed");
const shot = (bytes: Buffer, mime: string) => ({ base64: bytes.toString("base64"), mime });
const SUBMIT = `mutation($d: String!, $s: [ScreenshotInput!], $k: String!) { submitFeedback(description: $d, screenshots: $s, idempotencyKey: $k) {
  id status screenshots { position mime size sha256 } } }`;
const MINE = "{ myFeedback { id description status } }";
const SET = "mutation($id: ID!, $s: FeedbackStatus!) { setFeedbackStatus(id: $id, status: $s) { id status } }";
const OFFICER = { kind: "OFFICER" as const, officerId: "cq-officer-2", provinceCode: "50" };

describe("R-FBK-1 screenshot checks", () => {
  it("types by magic bytes, refuses a mismatched declaration, other formats, bad base64 and oversize", () => {
    expect(checkScreenshot(shot(PNG, "image/png"), 1024)).toMatchObject({ mime: "image/png", size: PNG.length });
    expect(checkScreenshot(shot(JPEG, "IMAGE/JPEG"), 1024).mime).toBe("image/jpeg");
    expect(() => checkScreenshot(shot(PNG, "image/jpeg"), 1024)).toThrow(expect.objectContaining({ code: "UPLOAD_INVALID" }));
    expect(() => checkScreenshot(shot(GIF, "image/png"), 1024)).toThrow(expect.objectContaining({ code: "UPLOAD_INVALID" }));
    expect(() => checkScreenshot({ base64: "not base64!", mime: "image/png" }, 1024)).toThrow(expect.objectContaining({ code: "UPLOAD_INVALID" }));
    expect(() => checkScreenshot(shot(PNG, "image/png"), PNG.length - 1)).toThrow(expect.objectContaining({ code: "UPLOAD_TOO_LARGE" }));
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    expect(() => checkScreenshot(shot(big, "image/png"), 2 * 1024 * 1024)).toThrow(expect.objectContaining({ code: "UPLOAD_TOO_LARGE" }));
  });
});

for (const engine of testEngines()) {
  describe(`feedback on ${engine.name}`, () => {
    let t: TestPlatform;
    let alice: AccountRow, bob: AccountRow;
    const as = (a: AccountRow) => ({ kind: "CITIZEN" as const, accountId: a.id });
    beforeAll(async () => {
      t = await startTestPlatform(engine);
      alice = await driver(t.database.db, "反馈甲");
      bob = await driver(t.database.db, "反馈乙");
    });
    afterAll(async () => {
      await t?.close();
      await engine.cleanup();
    });

    type Fb = { id: string; status: string; screenshots: { position: number; mime: string; size: number; sha256: string }[] };

    it("R-FBK-1: stores the description and screenshots (bytes and sha256) once per key; only the author lists it", async () => {
      const vars = { d: "缴款页面无法打开", s: [shot(PNG, "image/png"), shot(JPEG, "image/jpeg")], k: "fb-key-0001" };
      const fb = (await gql<{ submitFeedback: Fb }>(t, as(alice), SUBMIT, vars)).data!.submitFeedback;
      expect(fb.status).toBe("RECEIVED");
      expect(fb.screenshots).toEqual([
        { position: 0, mime: "image/png", size: PNG.length, sha256: createHash("sha256").update(PNG).digest("hex") },
        { position: 1, mime: "image/jpeg", size: JPEG.length, sha256: createHash("sha256").update(JPEG).digest("hex") },
      ]);
      const stored = await t.database.db.select().from(feedbackScreenshots).where(eq(feedbackScreenshots.feedbackId, fb.id));
      expect(stored.find((s) => s.position === 0)!.bytes.equals(PNG)).toBe(true);
      expect((await gql<{ submitFeedback: Fb }>(t, as(alice), SUBMIT, vars)).data!.submitFeedback.id).toBe(fb.id);

      expect((await gql<{ myFeedback: { id: string }[] }>(t, as(alice), MINE)).data!.myFeedback.map((f) => f.id)).toContain(fb.id);
      expect((await gql<{ myFeedback: unknown[] }>(t, as(bob), MINE)).data!.myFeedback).toEqual([]);
      expect(codeOf(await gql(t, null, MINE))).toBe("UNAUTHENTICATED");
    });

    it("R-FBK-1: accepts a screenshot near the 2 MiB limit through HTTP (body over the 1 MiB default), refuses one over it", async () => {
      const large = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length - 10, 7)]);
      const fb = (await gql<{ submitFeedback: Fb }>(t, as(alice), SUBMIT, { d: "大截图", s: [shot(large, "image/png")], k: "fb-key-large" })).data!.submitFeedback;
      expect(fb.screenshots.map((s) => s.size)).toEqual([large.length]);
      const over = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024, 7)]);
      expect(codeOf(await gql(t, as(alice), SUBMIT, { d: "超大", s: [shot(over, "image/png")], k: "fb-key-over" }))).toBe("UPLOAD_TOO_LARGE");
    });

    it("R-FBK-1: refuses a fourth screenshot, a non-image and an empty description", async () => {
      const four = [PNG, PNG, JPEG, JPEG].map((b, i) => shot(b, i < 2 ? "image/png" : "image/jpeg"));
      expect(codeOf(await gql(t, as(alice), SUBMIT, { d: "太多截图", s: four, k: "fb-key-0002" }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, as(alice), SUBMIT, { d: "动图", s: [shot(GIF, "image/png")], k: "fb-key-0003" }))).toBe("UPLOAD_INVALID");
      expect(codeOf(await gql(t, as(alice), SUBMIT, { d: "   ", s: [], k: "fb-key-0004" }))).toBe("BAD_USER_INPUT");
    });

    it("R-FBK-1: an officer sets the status the author then sees; citizens cannot set it", async () => {
      const fb = (await gql<{ submitFeedback: Fb }>(t, as(bob), SUBMIT, { d: "积分显示不对", s: [], k: "fb-key-0005" })).data!.submitFeedback;
      expect(codeOf(await gql(t, as(bob), SET, { id: fb.id, s: "RESOLVED" }))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, as(bob), "{ feedbackQueue { id } }"))).toBe("FORBIDDEN");
      const queue = await gql<{ feedbackQueue: { id: string }[] }>(t, OFFICER, "{ feedbackQueue { id } }");
      expect(queue.data!.feedbackQueue.map((f) => f.id)).toContain(fb.id);
      expect((await gql<{ setFeedbackStatus: { status: string } }>(t, OFFICER, SET, { id: fb.id, s: "IN_PROGRESS" })).data!.setFeedbackStatus.status).toBe("IN_PROGRESS");
      expect((await gql<{ myFeedback: { status: string }[] }>(t, as(bob), MINE)).data!.myFeedback[0]!.status).toBe("IN_PROGRESS");
    });
  });
}
