import DataLoader from "dataloader";
import { inKeys, preparedOnce, textArray, type Clock } from "@jg/service-kit";
import { eq } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { handlings, violations, type ViolationRow } from "../db/schema";

/**
 * Violations by ID, one `SELECT … WHERE id IN (…)` per batch however many keys (docs/design.md §6). Results
 * come back in the keys' order and length; a missing ID is `null` (an unknown violation is an answer,
 * not an error). Created per request, so nothing cached crosses callers.
 *
 * Each row is read as it stands at the clock's now (R-PAY-1): a HANDLED_UNPAID violation whose ACTIVE
 * handling is past `payBy` reads UNHANDLED without a handling, the instant the deadline passes, even
 * before the revert sweeper wrote it (issue #10 §6).
 */
export function createViolationLoader(db: ProvinceDb, clock: Clock): DataLoader<string, ViolationRow | null> {
  // Built once per database handle and prepared (issue 11): the IDs go as one text[] parameter (service-kit's inKeys).
  const byIds = preparedOnce(db, "violationsByIds", buildByIds);
  return new DataLoader(async (ids) => {
    const rows = await byIds.execute({ keys: textArray(ids) });
    const now = clock.now().getTime();
    const byId = new Map(rows.map(({ violation, handlingState, payBy }) => [violation.id, effective(violation, handlingState, payBy, now)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The row as of `now`: a due, unpaid handling has reverted (the same comparison as the sweeper: payBy < now). */
function effective(row: ViolationRow, handlingState: string | null, payBy: Date | null, now: number): ViolationRow {
  if (row.status !== "HANDLED_UNPAID" || handlingState !== "ACTIVE" || !payBy || payBy.getTime() >= now) return row;
  return { ...row, status: "UNHANDLED", handlingId: null };
}

function buildByIds(db: ProvinceDb) {
  return db
    .select({ violation: violations, handlingState: handlings.state, payBy: handlings.payBy })
    .from(violations)
    .leftJoin(handlings, eq(handlings.id, violations.handlingId))
    .where(inKeys(violations.id))
    .prepare("violations_by_ids");
}
