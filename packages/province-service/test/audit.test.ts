import { signServiceToken } from "@jg/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleViolation, payFine, recordViolation } from "./flow";
import { camera51, cameraRecord, citizen, startTestShard, type TestShard } from "./harness";
import { SIMULATOR } from "./keys";

describe("GET /internal/audit (simulator invariants, issue #6)", () => {
  let t: TestShard;
  beforeAll(async () => {
    t = await startTestShard();
  });
  afterAll(async () => {
    await t.close();
  });

  const audit = async (audience: string) => {
    const token = await signServiceToken(audience, SIMULATOR, t.clock.now());
    return fetch(`${t.url}/internal/audit`, { headers: { authorization: `Bearer ${token}` } });
  };

  it("lists violations, handlings, payments and outbox rows with their message IDs", async () => {
    const v = (await recordViolation(t, camera51, cameraRecord(t.clock, { plate: "渝A55501" }))).data!.recordViolation.violation;
    await handleViolation(t, citizen, v.id, true, `au-h-${v.id}`);
    await payFine(t, citizen, v.id, "APP", `au-p-${v.id}`);
    const res = await audit("province-51");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      code: string;
      violations: { id: string; status: string; fineYuan: number; handlingId: string; recordedAt: string }[];
      handlings: { id: string; state: string }[];
      payments: { handlingId: string; amountYuan: number }[];
      outbox: { messageId: string; type: string; violationId: string | null; deliveredAt: string | null }[];
    };
    expect(body.code).toBe("51");
    const row = body.violations.find((x) => x.id === v.id)!;
    expect(row.status).toBe("PAID");
    expect(body.handlings.filter((h) => h.id === row.handlingId).map((h) => h.state)).toEqual(["PAID"]);
    expect(body.payments.filter((p) => p.handlingId === row.handlingId).map((p) => p.amountYuan)).toEqual([row.fineYuan]);
    expect(body.outbox.map((m) => m.type)).toEqual(["violation.recorded", "violation.handled", "violation.paid"]);
    expect(body.outbox.every((m) => /^[0-9a-f-]{36}$/.test(m.messageId) && m.deliveredAt === null)).toBe(true);
    // The simulator's per-violation timeline (issue 16): when it was recorded, which violation each message is about.
    expect(Number.isNaN(Date.parse(row.recordedAt))).toBe(false);
    expect(body.outbox.map((m) => m.violationId)).toEqual([v.id, v.id, v.id]);
  });

  it("refuses a caller without a token for this shard", async () => {
    expect((await fetch(`${t.url}/internal/audit`)).status).toBe(401);
    expect((await audit("province-52")).status).toBe(401);
  });
});
