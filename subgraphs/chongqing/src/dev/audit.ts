/**
 * Development only: a read-only dump of the home platform's rows that the simulator's invariants need
 * (issue #6): licences (cycle anchors), the points ledger, the violation index and the inbox. The
 * simulator cannot reach an embedded PGlite inside this process, so it asks here. Whole tables: sized for
 * simulations, and not mounted in production.
 */
import type { PlatformDb } from "../db/database";
import { inbox, licences, pointsLedger, violationIndex } from "../db/schema";

/** Path of the development audit route (GET, service token; not mounted in production). */
export const DEV_AUDIT_PATH = "/internal/audit";

/** Every licence anchor, ledger entry, indexed violation and received message, instants as ISO strings. */
export async function platformAudit(db: PlatformDb) {
  const [l, ledger, index, received] = await Promise.all([
    db.select({ number: licences.number, firstIssuedOn: licences.firstIssuedOn }).from(licences),
    db.select().from(pointsLedger).orderBy(pointsLedger.id),
    db.select().from(violationIndex),
    db.select().from(inbox),
  ]);
  return {
    licences: l,
    ledger: ledger.map((e) => ({
      licenceNumber: e.licenceNumber,
      kind: e.kind,
      points: e.points,
      handlingId: e.handlingId,
      violationId: e.violationId,
      at: e.at.toISOString(),
    })),
    violationIndex: index.map((v) => ({ violationId: v.violationId, plate: v.plate, provinceCode: v.provinceCode, status: v.status })),
    inbox: received.map((m) => ({ messageId: m.messageId, type: m.type, source: m.source, receivedAt: m.receivedAt.toISOString() })),
  };
}
