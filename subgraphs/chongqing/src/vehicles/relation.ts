/**
 * From a person's relations to one vehicle to the candidates the rules judge (`VehicleRelation` of
 * @jg/rules), most direct first: owner, active filing, a lease covering the violation, then any other
 * lease of theirs (which the rules refuse with OUTSIDE_LEASE, R-ELG-7). A person can hold several
 * (filed a car they also lease); the caller takes the first candidate the rules approve.
 */
import type { Decision, VehicleRelation } from "@jg/rules";
import type { VehicleAccessRow } from "./vehicle-access";

export function relationCandidates(rows: readonly VehicleAccessRow[], occurredAt: Date): VehicleRelation[] {
  const at = occurredAt.getTime();
  const rank = (row: VehicleAccessRow): number => {
    if (row.relation === "OWNER") return 0;
    if (row.relation === "FILED") return 1;
    const during = row.since.getTime() <= at && (row.until === null || at < row.until.getTime());
    return during ? 2 : 3;
  };
  return [...rows]
    .sort((a, b) => rank(a) - rank(b) || b.since.getTime() - a.since.getTime())
    .map((row): VehicleRelation => {
      if (row.relation === "OWNER") return { kind: "OWNER" };
      if (row.relation === "FILED") return { kind: "FILED", effectiveAt: row.since };
      // Leases always carry an end (leases.ends_at is NOT NULL).
      return { kind: row.relation, leaseStart: row.since, leaseEnd: row.until ?? new Date(8.64e15) };
    });
}

/**
 * Decides for each candidate relation (or for "no relation" when there is none) and returns the
 * first approval, else the denials of the most direct relation.
 */
export function decideOverRelations(candidates: readonly VehicleRelation[], decide: (relation: VehicleRelation | null) => Decision): Decision {
  if (candidates.length === 0) return decide(null);
  let first: Decision | undefined;
  for (const relation of candidates) {
    const decision = decide(relation);
    if (decision.ok) return decision;
    first ??= decision;
  }
  return first!;
}
