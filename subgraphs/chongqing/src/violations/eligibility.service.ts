/**
 * `Violation.eligibility` for the signed-in viewer (docs/design.md §7): the occurrence province's facts come
 * in the representation (`@requires`), the home platform's from its own database through the
 * request's loaders; `decideEligibility` of @jg/rules answers with every denial and its rule ID.
 */
import { decideEligibility, policyFor, type Decision } from "@jg/rules";
import { requireCitizenViewer } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { loadLicenceView } from "../licences/licence.loader";
import { licenceFacts } from "../licences/licence.view";
import { decideOverRelations, relationCandidates } from "../vehicles/relation";
import { personOf } from "../vehicles/vehicle-access";
import { UNREGISTERED_VEHICLE, vehicleFacts } from "../vehicles/vehicle.facts";
import { HOME_PROVINCE_CODE } from "@jg/provinces";
import { requiredFactsOf } from "./required-facts";

/** The viewer's eligibility for one violation. Only a citizen has one (others: FORBIDDEN). */
export async function eligibilityOf(ctx: PlatformContext, representation: unknown): Promise<Decision> {
  // Checked before the batched lookups: a malformed representation fails alone (required-facts.ts).
  const facts = requiredFactsOf(representation);
  const account = await requireCitizenViewer(ctx);
  const [licence, vehicle, access] = await Promise.all([
    loadLicenceView(ctx.loaders, account.idNumber, ctx.now),
    ctx.loaders.vehicle.load(facts.plate),
    ctx.loaders.access.load(personOf(account)),
  ]);
  const occurredAt = new Date(facts.occurredAt);
  const base = {
    violation: {
      occurredAt,
      points: facts.points,
      source: facts.source,
      provinceCode: facts.province.code,
      fineYuan: facts.fineYuan,
      warningOnly: facts.warningOnly,
      status: facts.status,
    },
    platformOpen: facts.province.platformOpen,
    licence: licence ? licenceFacts(licence) : null,
    vehicle: vehicle ? vehicleFacts(vehicle) : UNREGISTERED_VEHICLE,
    policy: policyFor(ctx.now, HOME_PROVINCE_CODE, ctx.deps.policyTable),
    now: ctx.now,
  };
  const rows = vehicle ? access.filter((row) => row.plate === vehicle.plate) : [];
  const candidates = relationCandidates(rows, occurredAt);
  return decideOverRelations(candidates, (relation) => decideEligibility({ ...base, relation }));
}
