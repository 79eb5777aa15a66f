/** The demo cast's promises (see `DemoCast` and `cast.ts`), checked on a population. */
import { type LicenceRecord, type Population, type ViolationRecord } from "./population.types";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

const isEligibleCamera = (v: ViolationRecord) => v.source === "CAMERA" && v.expected.simpleProcedure && v.expected.points <= 6;

export function validateCast(p: Population, problems: string[]): void {
  const cast = p.cast!;
  const nowMs = Date.parse(p.meta.now);
  const licence = (id: string): LicenceRecord | undefined => p.licences.find((l) => l.accountId === id);
  const clean = (id: string, points: number, who: string) => {
    const l = licence(id);
    if (!l || l.states.join() !== "A" || l.points !== points || l.fullScoreCountInCycle !== 0) problems.push(`cast ${who}: needs a clean licence with ${points} points`);
  };
  clean(cast.citizen, 0, "citizen");
  clean(cast.highPoints, 9, "highPoints");
  const other = licence(cast.otherCitizen);
  if (!other || other.states.join() !== "A") problems.push("cast otherCitizen: needs a clean licence");

  const car = p.vehicles.find((v) => v.plate === cast.citizenPlate);
  if (!car || car.ownerAccountId !== cast.citizen || !["02", "52"].includes(car.plateType) || car.useNature !== "A" || car.states.join() !== "A") problems.push("cast citizen: must own a plain small non-operating car");
  const own = p.violations.filter((v) => v.plate === cast.citizenPlate);
  const cameraProvinces = new Set(own.filter(isEligibleCamera).map((v) => v.provinceCode));
  for (const province of p.meta.provinces) if (!cameraProvinces.has(province)) problems.push(`cast citizen: no eligible camera violation in province ${province}`);
  if (!own.some((v) => v.expected.fineYuan > 200)) problems.push("cast citizen: no violation with a fine over ¥200");
  if (!own.some((v) => v.source === "ON_SITE")) problems.push("cast citizen: no on-site violation");
  if (!own.some((v) => v.expected.points >= 7)) problems.push("cast citizen: no violation with 7 or more points");

  const filing = p.filings.find((f) => f.accountId === cast.citizen && f.plate === cast.filedPlate && f.status === "ACTIVE");
  const filedCar = p.vehicles.find((v) => v.plate === cast.filedPlate);
  if (!filing?.effectiveAt || filedCar?.ownerAccountId !== cast.otherCitizen) problems.push("cast citizen: no active filing of otherCitizen's car");
  else {
    const effective = Date.parse(filing.effectiveAt);
    const filed = p.violations.filter((v) => v.plate === cast.filedPlate && v.expected.points > 0);
    if (!filed.some((v) => Date.parse(v.occurredAt) < effective)) problems.push("cast filed car: no violation with points before the filing");
    if (!filed.some((v) => Date.parse(v.occurredAt) >= effective)) problems.push("cast filed car: no violation with points after the filing");
  }

  if (!p.officers.some((o) => o.id === cast.officer && o.provinceCode === HOME_PROVINCE_CODE)) problems.push("cast officer: not an officer of 50");
  const lease = p.leases.find((l) => l.plate === cast.leasedPlate && l.lesseeAccountId === cast.lessee && l.partnerId === cast.partner && Date.parse(l.start) <= nowMs && nowMs < Date.parse(l.end));
  if (!lease) problems.push("cast lessee: no current lease of the partner's car");
  else if (!p.violations.some((v) => v.plate === cast.leasedPlate && isEligibleCamera(v) && Date.parse(v.occurredAt) >= Date.parse(lease.start))) problems.push("cast lessee: no eligible camera violation during the lease");
  clean(cast.lessee, 0, "lessee");
}
