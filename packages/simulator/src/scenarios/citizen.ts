/**
 * What scenarios do as citizens through the gateway (R-OPS-1, R-OPS-2): list my violations, look one
 * up at its province, handle it with the notice accepted, pay it; and how they pick actors and
 * penalty codes from the simulation's population.
 */
import type { Identity } from "@jg/identity";
import { isHandleableWithPoints, type Population } from "@jg/population";
import { cstMsOfDay, FULL_SCORE_COUNT_LIMIT } from "@jg/rules";
import type { Simulation } from "../sim";
import type { Expect } from "../scenario";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

export const HANDLE = `mutation Handle($id: ID!, $key: String!) {
  handleViolation(id: $id, noticeAccepted: true, idempotencyKey: $key) {
    ok denials { code ruleId } violation { id status } handling { payBy }
  }
}`;

const PAY = `mutation Pay($id: ID!, $key: String!, $channel: PaymentChannel!) {
  payFine(violationId: $id, channel: $channel, idempotencyKey: $key) {
    ok denials { code ruleId } violation { id status } payment { amountYuan channel }
  }
}`;

const VIOLATION = `query V($id: ID!) { violation(id: $id) { id status fineYuan } }`;

export const MY_VIOLATIONS = `query Mine {
  me { licence { points reservedPoints }
    vehicles { vehicle { plate violations { id status fineYuan points province { code } eligibility { allowed } } } } }
}`;

/**
 * R-OPS-1's query: the citizen's vehicles with their violations **awaiting handling**, the list the
 * manual has the user pick a record from (the load's journey). The filter is the home platform's index
 * status, which may lag (R-SYNC-2); each item's own `status` is its province's.
 */
export const AWAITING_HANDLING = `query AwaitingHandling {
  me { licence { points reservedPoints }
    vehicles { vehicle { plate violations(status: UNHANDLED) { id status fineYuan points province { code } eligibility { allowed } } } } }
}`;

export type Answer = { ok: boolean; denials: { code: string; ruleId: string }[]; violation: { id: string; status: string } | null };
export type MineItem = { id: string; status: string; fineYuan: number; points: number; province: { code: string }; eligibility: { allowed: boolean } | null };
type Mine = { me: { licence: { points: number; reservedPoints: number } | null; vehicles: { vehicle: { plate: string; violations: (MineItem | null)[] } }[] } | null };

let keys = 0;
/** A fresh idempotency key of the run ("h" handlings, "p" payments). */
export const key = (what: string) => `sim-${what}-${Date.now().toString(36)}-${(keys += 1)}`;

export const citizen = (accountId: string): Identity => ({ kind: "CITIZEN", accountId });

/** Handles a violation (notice accepted) as `who` (a retry gives the first try's key); the answer, or null with the errors. */
export async function handle(sim: Pick<Simulation, "as">, who: Identity, id: string, idempotencyKey = key("h")): Promise<Answer | null> {
  return (await sim.as<{ handleViolation: Answer }>(who, HANDLE, { id, key: idempotencyKey })).data?.handleViolation ?? null;
}

/** Pays a handled violation as `who` on `channel` (default APP; a retry gives the first try's key). */
export async function pay(sim: Pick<Simulation, "as">, who: Identity, id: string, channel = "APP", idempotencyKey = key("p")): Promise<Answer | null> {
  return (await sim.as<{ payFine: Answer }>(who, PAY, { id, key: idempotencyKey, channel })).data?.payFine ?? null;
}

/** The violation's status at its province (the source of truth). */
export async function provinceStatus(sim: Simulation, who: Identity, id: string): Promise<string | undefined> {
  return (await sim.as<{ violation: { status: string } | null }>(who, VIOLATION, { id })).data?.violation?.status;
}

/** "My violations": the items the home platform lists for `who` (every status, or only those awaiting handling with `query` = AWAITING_HANDLING), null items left out, and the licence's points. */
export async function mine(sim: Pick<Simulation, "as">, who: Identity, query = MY_VIOLATIONS): Promise<{ items: MineItem[]; points?: number; reserved?: number }> {
  const me = (await sim.as<Mine>(who, query)).data?.me;
  const items = (me?.vehicles ?? []).flatMap((v) => v.vehicle.violations).filter((v): v is MineItem => v !== null);
  return { items, ...(me?.licence ? { points: me.licence.points, reserved: me.licence.reservedPoints } : {}) };
}

type Template = Population["violations"][number];

/**
 * The citizens who can do the manual's journey (R-OPS-1) with their own car: a clean licence (state A
 * only, R-ELG-4) of at most `maxPoints` whose holder reached 12 points fewer than 3 times in the cycle
 * (R-ELG-5: no handling online otherwise, whatever the violation), and a small non-operating car in state
 * A registered in their name (R-ELG-1a/b/c). One entry per licence, with that licence's points.
 */
export function journeyDrivers(p: Population, maxPoints = 12): { accountId: string; plate: string; points: number; fullScoreCountInCycle: number }[] {
  const out: { accountId: string; plate: string; points: number; fullScoreCountInCycle: number }[] = [];
  for (const l of p.licences) {
    if (l.states.join() !== "A" || l.points > maxPoints || l.fullScoreCountInCycle >= FULL_SCORE_COUNT_LIMIT) continue;
    const car = p.vehicles.find((v) => v.ownerAccountId === l.accountId && ["02", "52"].includes(v.plateType) && v.useNature === "A" && v.states.join() === "A");
    if (car) out.push({ accountId: l.accountId, plate: car.plate, points: l.points, fullScoreCountInCycle: l.fullScoreCountInCycle });
  }
  return out;
}

/**
 * A camera violation of `province` to copy the code of: fine ≤ 200, not a warning, with exactly `points`
 * when given, else the fewest points ≥ 1 (so a handling reserves something, R-ELG-6).
 */
export function templateFor(population: Population, province: string, points?: number): Template {
  const known = templates.get(population) ?? new Map<string, Template>();
  templates.set(population, known);
  const memo = `${province}:${points ?? ""}`;
  const found = known.get(memo);
  if (found) return found;
  const fits = population.violations
    .filter((v) => v.provinceCode === province && isHandleableWithPoints(v))
    .filter((v) => points === undefined || v.expected.points === points)
    .sort((a, b) => a.expected.points - b.expected.points || Number(b.plateType === "02") - Number(a.plateType === "02"));
  if (!fits[0]) throw new Error(`no camera penalty code${points ? ` of ${points} points` : ""} in province ${province}'s population`);
  known.set(memo, fits[0]);
  return fits[0];
}
/** Each population's picks by province and points: the load records thousands, the population does not change. */
const templates = new WeakMap<Population, Map<string, Template>>();

/** Records a fresh camera violation of `plate` in `province` an hour ago; returns its ID. */
export function freshViolation(sim: Pick<Simulation, "population" | "recordCamera">, province: string, plate: string, points?: number): Promise<string> {
  return sim.recordCamera(province, plate, templateFor(sim.population, province, points));
}

/** Moves every clock to 10:00 CST on the next day if now is outside 08:00–21:00 CST (R-MNT-1). */
export async function toDaytime(sim: Simulation): Promise<void> {
  const hour = Math.floor(cstMsOfDay(sim.now()) / 3600_000);
  if (hour >= 8 && hour < 21) return;
  await sim.setClock(nextCst(sim.now(), 10, 0));
}

/**
 * How most citizen scenarios begin: daytime on every clock (R-MNT-1), the cast citizen, a province (the
 * run's second when `second` is set and there is one, else its first) and a fresh camera violation
 * recorded there on the citizen's car.
 */
export async function castViolation(
  sim: Simulation,
  options: { second?: boolean } = {},
): Promise<{ me: Identity; plate: string; province: string; id: string }> {
  await toDaytime(sim);
  const cast = sim.population.cast!;
  const province = (options.second ? sim.options.provinces[1] : undefined) ?? sim.options.provinces[0]!;
  const id = await freshViolation(sim, province, cast.citizenPlate);
  return { me: citizen(cast.citizen), plate: cast.citizenPlate, province, id };
}

/** The next instant after `from` at hh:mm CST. */
export function nextCst(from: Date, hour: number, minute: number): Date {
  const cst = new Date(from.getTime() + 8 * 3600_000);
  let at = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate(), hour, minute) - 8 * 3600_000;
  if (at <= from.getTime()) at += 24 * 3600_000;
  return new Date(at);
}

/**
 * The cast citizen and the car they file, with the filing's effective instant and a penalty code of
 * Chongqing to record on it; undefined (and a failed expectation) when the population has no such filing.
 */
export function castFiling(sim: Simulation, expect: Expect): { me: Identity; plate: string; effective: number; template: Template } | undefined {
  const cast = sim.population.cast!;
  const filing = sim.population.filings.find((f) => f.accountId === cast.citizen && f.plate === cast.filedPlate && f.effectiveAt);
  if (!expect.that("the cast files a car with an effective filing", filing !== undefined)) return undefined;
  return { me: citizen(cast.citizen), plate: cast.filedPlate, effective: Date.parse(filing!.effectiveAt!), template: templateFor(sim.population, HOME_PROVINCE_CODE) };
}
