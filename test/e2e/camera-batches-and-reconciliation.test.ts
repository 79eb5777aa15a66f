/**
 * Issue 18 through the gateway, on real processes (Chongqing + shard 50, province 51, the gateway): a
 * camera system's `recordViolations` routed by `province`, and the banks' reconciliation with the bank
 * credential only (R-MNT-1). The shard suites (packages/province-service/test) cover every case; this
 * file shows the routes and the credentials end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "@jg/identity";
import { startE2eSystem, type E2eSystem } from "../support/e2e-system";

/** 10:00 CST on 2026-11-24. */
const START = new Date("2026-11-24T02:00:00.000Z");
const DAY = "2026-11-24";
const camera: Identity = { kind: "CAMERA", systemId: "e2e-cam-chengdu", provinceCode: "51" };
const bank: Identity = { kind: "BANK", bankId: "psbc" };

const BATCH = `mutation B($p: ProvinceCode!, $r: [ViolationRecordInput!]!) { recordViolations(province: $p, records: $r) {
  recorded duplicates refused items { index outcome violation { id province { code } } refusal { code } } } }`;
type Batch = { recordViolations: { recorded: number; duplicates: number; refused: number; items: { index: number; outcome: string; violation: { id: string; province: { code: string } } | null; refusal: { code: string } | null }[] } };
const STATEMENT = `query S($p: ProvinceCode!, $d: String!) { reconciliationStatement(province: $p, businessDay: $d, channel: APP) { closed paymentCount totalYuan } }`;
const SUBMIT = `mutation R($p: ProvinceCode!, $d: String!, $l: [BankPaymentInput!]!) {
  submitReconciliation(province: $p, businessDay: $d, channel: APP, submissionKey: "e2e-1", payments: $l) { balanced bankOnly { paymentId bankAmountYuan } replayed } }`;

let e2e: E2eSystem;
beforeAll(async () => {
  e2e = await startE2eSystem({ provinces: ["51"], start: START });
}, 400_000);
afterAll(async () => {
  await e2e?.stop();
}, 60_000);

const record = (key: string, plate: string) => ({
  sourceRecordKey: key,
  plate,
  plateType: "02",
  code: "1116",
  occurredAt: new Date(START.getTime() - 3_600_000).toISOString(),
  location: "成都市人民南路一段",
  source: "CAMERA",
  agencyAreaCode: "510100",
});

describe("camera batches and the banks' reconciliation through the gateway (issue 18)", () => {
  it("routes recordViolations by province and answers per record; a retried batch answers DUPLICATE", async () => {
    const records = [record("e2e-b-1", "渝A61001"), record("e2e-b-2", "川I12345"), record("e2e-b-3", "渝A61002")];
    const first = await e2e.as<Batch>(camera, BATCH, { p: "51", r: records });
    expect(first.errors).toBeUndefined();
    const out = first.data!.recordViolations;
    expect(out.items.map((i) => [i.outcome, i.refusal?.code ?? i.violation?.province.code])).toEqual([
      ["RECORDED", "51"],
      ["REFUSED", "INVALID_PLATE"],
      ["RECORDED", "51"],
    ]);
    const again = (await e2e.as<Batch>(camera, BATCH, { p: "51", r: records })).data!.recordViolations;
    expect([again.recorded, again.duplicates, again.refused]).toEqual([0, 2, 1]);
    expect(again.items[0]!.violation!.id).toBe(out.items[0]!.violation!.id);
  }, 60_000);

  it("R-MNT-1, R-DOC-1: a bank reconciles a closed business day; other credentials are refused, on the statement and on submitReconciliation", async () => {
    const icbc: Identity = { kind: "BANK", bankId: "icbc" };
    expect((await e2e.as(camera, STATEMENT, { p: "51", d: DAY })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await e2e.as(icbc, STATEMENT, { p: "51", d: DAY })).data).toEqual({ reconciliationStatement: null });
    await e2e.moveTo(new Date("2026-11-24T14:30:00.000Z")); // 22:30 CST: the day is closed
    // The APP channel is the collecting bank's (psbc, R-DOC-1): a camera may not submit, another bank finds no such channel.
    const list = { p: "51", d: DAY, l: [{ paymentId: "PSBC-E2E-1", amountYuan: 200 }] };
    expect((await e2e.as(camera, SUBMIT, list)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await e2e.as(icbc, SUBMIT, list)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const statement = await e2e.as<{ reconciliationStatement: { closed: boolean; paymentCount: number } }>(bank, STATEMENT, { p: "51", d: DAY });
    expect(statement.data!.reconciliationStatement).toMatchObject({ closed: true, paymentCount: 0 });
    const result = await e2e.as<{ submitReconciliation: { balanced: boolean; bankOnly: { paymentId: string; bankAmountYuan: number }[]; replayed: boolean } }>(bank, SUBMIT, list);
    expect(result.data!.submitReconciliation).toEqual({ balanced: false, bankOnly: [{ paymentId: "PSBC-E2E-1", bankAmountYuan: 200 }], replayed: false });
  }, 60_000);
});
