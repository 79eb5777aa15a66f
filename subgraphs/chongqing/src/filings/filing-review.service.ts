/**
 * Officers' review of filings (R-FIL-2..6): the queue of PENDING filings, approval (ACTIVE,
 * effective_at = approval time, the instant R-ELG-3 compares violations with) and rejection. An
 * approval re-decides under the same account-then-vehicle locks as an application, counting the
 * other live filings, so the limits hold however approvals race.
 */
import { AppFault } from "@jg/errors";
import { asc, eq } from "drizzle-orm";
import { accounts, filings, type AccountRow, type FilingRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { lockAccountAndVehicle } from "./filing.locks";
import { decideFor, type FilingOutcome } from "./filing.service";

/** PENDING filings, oldest first, with their applicants. */
export async function reviewQueue(deps: PlatformDeps, limit: number): Promise<{ filing: FilingRow; applicant: AccountRow }[]> {
  const rows = await deps.db
    .select({ filing: filings, applicant: accounts })
    .from(filings)
    .innerJoin(accounts, eq(accounts.id, filings.accountId))
    .where(eq(filings.status, "PENDING"))
    .orderBy(asc(filings.appliedAt))
    .limit(limit);
  return rows;
}

/** Approves or rejects a PENDING filing. Repeating the same verdict answers the filing as it is. */
export async function reviewFiling(
  deps: PlatformDeps,
  input: { id: string; approve: boolean; officerId: string; note?: string | undefined },
  now: Date,
): Promise<FilingOutcome> {
  const [found] = await deps.db.select().from(filings).where(eq(filings.id, input.id));
  if (!found) throw new AppFault("NOT_FOUND");
  return deps.db.transaction(async (tx) => {
    const locked = await lockAccountAndVehicle(tx, found.accountId, found.plate);
    if (!locked) throw new AppFault("NOT_FOUND");
    const [row] = await tx.select().from(filings).where(eq(filings.id, input.id)).for("update");
    if (!row) throw new AppFault("NOT_FOUND");
    if (row.status !== "PENDING") {
      if (row.status === (input.approve ? "ACTIVE" : "REJECTED")) return { filing: row, decision: { ok: true } };
      throw new AppFault("BAD_USER_INPUT", { params: { reason: `the filing is ${row.status}, not pending` } });
    }
    const note = input.note ?? null;
    if (!input.approve) {
      const [rejected] = await tx.update(filings).set({ status: "REJECTED", reviewedBy: input.officerId, reviewNote: note }).where(eq(filings.id, row.id)).returning();
      return { filing: rejected!, decision: { ok: true } };
    }
    const decision = await decideFor(deps, tx, { account: locked.account, vehicle: locked.vehicle, method: row.method, now, exceptId: row.id });
    if (!decision.ok) return { filing: row, decision };
    const [approved] = await tx
      .update(filings)
      .set({ status: "ACTIVE", effectiveAt: now, reviewedBy: input.officerId, reviewNote: note })
      .where(eq(filings.id, row.id))
      .returning();
    return { filing: approved!, decision };
  });
}
