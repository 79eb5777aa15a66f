/**
 * R-MNT-1: the night the bank reconciles (issue 18, "Banks"). Three drivers pay fines on the app during the
 * day; at 22:30 CST, inside the window, the collecting bank fetches the province's statement of the
 * business day and submits its own list with a mismatch in each direction: one payment the platform has
 * and the bank does not, one the bank has and the platform does not, one amount difference. The
 * reconciliation reports each, keeps the result, answers a retry with the same result, and another bank
 * sees no such channel. Its findings go to the report (`expect.note`).
 */
import type { Identity } from "@jg/identity";
import { cstIsoDate } from "@jg/rules";
import type { Scenario } from "../scenario";
import { citizen, handle, journeyDrivers, nextCst, pay, templateFor, toDaytime } from "./citizen";

const COLLECTING_BANK: Identity = { kind: "BANK", bankId: "psbc" };
const OTHER_BANK: Identity = { kind: "BANK", bankId: "icbc" };

const ITEM = "paymentId violationId platformAmountYuan bankAmountYuan";
const RESULT = `id matched balanced replayed platformTotalYuan bankTotalYuan platformOnly { ${ITEM} } bankOnly { ${ITEM} } amountMismatches { ${ITEM} }`;
const STATEMENT = `query S($p: ProvinceCode!, $d: String!) { reconciliationStatement(province: $p, businessDay: $d, channel: APP) {
  closed paymentCount totalYuan payments { paymentId violationId amountYuan } reconciliation { id } } }`;
const SUBMIT = `mutation R($p: ProvinceCode!, $d: String!, $k: String!, $l: [BankPaymentInput!]!) {
  submitReconciliation(province: $p, businessDay: $d, channel: APP, submissionKey: $k, payments: $l) { ${RESULT} } }`;

type Item = { paymentId: string; violationId: string | null; platformAmountYuan: number | null; bankAmountYuan: number | null };
type Result = { id: string; matched: number; balanced: boolean; replayed: boolean; platformTotalYuan: number; bankTotalYuan: number; platformOnly: Item[]; bankOnly: Item[]; amountMismatches: Item[] };
type Statement = { closed: boolean; paymentCount: number; totalYuan: number; payments: { paymentId: string; violationId: string; amountYuan: number }[]; reconciliation: { id: string } | null };

export const bankReconciliation: Scenario = {
  name: "bank-reconciliation",
  description:
    "Three app payments in the day; at 22:30 the bank fetches the statement and submits a list missing one, with one of its own and one amount changed: each is reported and kept.",
  rules: ["R-MNT-1", "R-DUP-1"],
  provincesNeeded: 1,
  async run(sim, expect) {
    await toDaytime(sim);
    const province = sim.options.provinces[0]!;
    const template = templateFor(sim.population, province, 1);
    // Drivers with no full score this cycle (R-ELG-5) and room for three 1-point violations (R-ELG-6):
    // the payments take turns among them, so one such driver is enough.
    const drivers = journeyDrivers(sim.population, 9).filter((d) => d.fullScoreCountInCycle === 0);
    if (!expect.that("the population has a driver who can pay on the app", drivers.length > 0)) return;
    const paid: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const d = drivers[i % drivers.length]!;
      const id = await sim.recordCamera(province, d.plate, template);
      await sim.settle();
      const me = citizen(d.accountId);
      if ((await handle(sim, me, id))?.ok && (await pay(sim, me, id, "APP"))?.ok) paid.push(id);
    }
    if (!expect.equal("three fines are paid on the app", paid.length, 3)) return;
    const day = cstIsoDate(sim.now());

    await sim.setClock(nextCst(sim.now(), 22, 30));
    const statement = (await sim.as<{ reconciliationStatement: Statement | null }>(COLLECTING_BANK, STATEMENT, { p: province, d: day })).data
      ?.reconciliationStatement;
    if (!expect.that("at 22:30 the collecting bank gets the closed statement of the day", statement?.closed === true, statement)) return;
    const ours = paid.map((id) => statement!.payments.find((p) => p.violationId === id));
    if (!expect.that("the statement lists the three payments", ours.every(Boolean), statement!.payments)) return;
    const [missing, changed] = ours as { paymentId: string; amountYuan: number }[];
    const bankOnlyId = `PSBC-${day}-${sim.options.seed ?? 12123}`;
    const list = [
      ...statement!.payments
        .filter((p) => p.paymentId !== missing!.paymentId)
        .map((p) => ({ paymentId: p.paymentId, amountYuan: p.paymentId === changed!.paymentId ? p.amountYuan + 50 : p.amountYuan })),
      { paymentId: bankOnlyId, amountYuan: 200 },
    ];
    const variables = { p: province, d: day, k: `night-${day}`, l: list };
    const result = (await sim.as<{ submitReconciliation: Result }>(COLLECTING_BANK, SUBMIT, variables)).data?.submitReconciliation;
    if (!expect.that("the bank's submission is reconciled", result !== undefined, result)) return;
    expect.equal("the payment only the platform has is reported", result!.platformOnly.map((i) => i.paymentId), [missing!.paymentId]);
    expect.equal("the payment only the bank has is reported", result!.bankOnly.map((i) => i.paymentId), [bankOnlyId]);
    expect.equal(
      "the amount difference is reported with both amounts",
      result!.amountMismatches.map((i) => [i.paymentId, i.platformAmountYuan, i.bankAmountYuan]),
      [[changed!.paymentId, changed!.amountYuan, changed!.amountYuan + 50]],
    );
    expect.equal("every other payment matches", result!.matched, statement!.paymentCount - 2);
    const retry = (await sim.as<{ submitReconciliation: Result }>(COLLECTING_BANK, SUBMIT, variables)).data?.submitReconciliation;
    expect.equal("a retried submission answers the kept result", [retry?.id, retry?.replayed], [result!.id, true]);
    const kept = (await sim.as<{ reconciliationStatement: Statement | null }>(COLLECTING_BANK, STATEMENT, { p: province, d: day })).data
      ?.reconciliationStatement;
    expect.equal("the statement shows the kept reconciliation", kept?.reconciliation?.id, result!.id);
    const other = await sim.as<{ reconciliationStatement: Statement | null }>(OTHER_BANK, STATEMENT, { p: province, d: day });
    expect.equal("another bank finds no such channel", [other.errors, other.data?.reconciliationStatement], [undefined, null]);

    const show = (i: Item) => `${i.paymentId} (${i.violationId ?? "no violation"}) platform ${i.platformAmountYuan ?? "—"} / bank ${i.bankAmountYuan ?? "—"} yuan`;
    expect.note(
      `reconciliation of ${province} APP for business day ${day}: ${result!.matched} matched, platform ${result!.platformTotalYuan} yuan / bank ${result!.bankTotalYuan} yuan`,
    );
    for (const i of result!.platformOnly) expect.note(`platform only: ${show(i)}`);
    for (const i of result!.bankOnly) expect.note(`bank only: ${show(i)}`);
    for (const i of result!.amountMismatches) expect.note(`amount differs: ${show(i)}`);
  },
};
