/**
 * "No driver's applied plus reserved points reach 12 through the platform" (R-ELG-6): at the moment of
 * every reservation the platform made, the licence's points in that scoring cycle (applied entries,
 * adjustments, and the reservations still held then, this one included; one violation's held
 * reservations once) must stay below 12.
 */
import { scoringCycle } from "@jg/rules";
import type { AuditLedgerEntry, AuditSnapshot } from "./audit-types";
import type { InvariantResult } from "./invariant-result";

const LIMIT = 12;

/** Points of `licence` counted at instant `t` in the cycle [start, end). */
function pointsAt(entries: AuditLedgerEntry[], t: number, start: number, end: number): number {
  const settledAt = new Map<string, number>();
  for (const e of entries) {
    if ((e.kind === "APPLIED" || e.kind === "RELEASED") && e.handlingId) settledAt.set(e.handlingId, Date.parse(e.at));
  }
  let total = 0;
  // Two handlings of one violation racing may both hold a reservation for a moment (issue #10 §6): one
  // violation's points are due once, so its held reservations count once (the largest).
  const heldByViolation = new Map<string, number>();
  for (const e of entries) {
    const at = Date.parse(e.at);
    if (at > t) continue;
    if (e.kind === "RESERVED") {
      // Held from its reservation until settled; once applied, the APPLIED row counts instead.
      const settled = settledAt.get(e.handlingId ?? "");
      if ((settled === undefined || settled > t) && at >= start && at < end) {
        const key = e.violationId ?? `handling:${e.handlingId ?? ""}`;
        heldByViolation.set(key, Math.max(heldByViolation.get(key) ?? 0, e.points));
      }
    } else if ((e.kind === "APPLIED" || e.kind === "ADJUSTED") && at >= start && at < end) {
      total += e.points;
    }
  }
  for (const points of heldByViolation.values()) total += points;
  return total;
}

/** Checks every reservation of the platform ledger against the 12-point limit of its cycle. */
export function pointsStayBelow12(snapshot: AuditSnapshot): InvariantResult {
  const firstIssued = new Map(snapshot.platform.licences.map((l) => [l.number, new Date(`${l.firstIssuedOn}T00:00:00+08:00`)]));
  const byLicence = new Map<string, AuditLedgerEntry[]>();
  for (const e of snapshot.platform.ledger) byLicence.set(e.licenceNumber, [...(byLicence.get(e.licenceNumber) ?? []), e]);
  const violations: string[] = [];
  let checked = 0;
  for (const [licence, entries] of byLicence) {
    const issued = firstIssued.get(licence);
    for (const r of entries.filter((e) => e.kind === "RESERVED")) {
      checked += 1;
      const t = Date.parse(r.at);
      if (!issued) {
        violations.push(`reservation ${r.handlingId} on unknown licence ${licence}`);
        continue;
      }
      const cycle = scoringCycle(issued, new Date(t));
      const total = pointsAt(entries, t, cycle.start.getTime(), cycle.end.getTime());
      if (total >= LIMIT) violations.push(`licence ${licence}: ${total} points in the cycle once handling ${r.handlingId} reserved ${r.points}`);
    }
  }
  return { name: "points below 12 through the platform (R-ELG-6)", ok: violations.length === 0, checked, violations };
}
