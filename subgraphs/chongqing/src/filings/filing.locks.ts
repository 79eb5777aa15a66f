/**
 * Row locks and counts for the filing limits (R-FIL-2, R-FIL-3). Every transaction that counts and
 * then inserts or activates a filing first locks the applicant's account row, then the vehicle row
 * (always in this order, so two transactions never wait on each other in a cycle). Two applications
 * of one user, or two applicants of one vehicle, then run one after the other and each counts what
 * the other wrote.
 */
import { and, count, eq, gte, inArray, ne } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { accounts, filings, vehicles, type AccountRow, type VehicleRow } from "../db/schema";

/** Filings that hold one of the limited places: PENDING (until reviewed) and ACTIVE. */
export const LIVE_STATUSES = ["PENDING", "ACTIVE"] as const;

/** Locks the account, then the vehicle (the fixed order). Null when either is missing. */
export async function lockAccountAndVehicle(tx: PlatformDb, accountId: string, plate: string): Promise<{ account: AccountRow; vehicle: VehicleRow } | null> {
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId)).for("update");
  if (!account) return null;
  const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.plate, plate)).for("update");
  return vehicle ? { account, vehicle } : null;
}

/** Live filings of the user and of the vehicle, leaving out `exceptId` (the filing under review). */
export async function liveCounts(tx: PlatformDb, accountId: string, plate: string, exceptId?: string): Promise<{ ofUser: number; ofVehicle: number }> {
  const live = inArray(filings.status, [...LIVE_STATUSES]);
  const except = exceptId ? ne(filings.id, exceptId) : undefined;
  const [user] = await tx.select({ n: count() }).from(filings).where(and(eq(filings.accountId, accountId), live, except));
  const [vehicle] = await tx.select({ n: count() }).from(filings).where(and(eq(filings.plate, plate), live, except));
  return { ofUser: user?.n ?? 0, ofVehicle: vehicle?.n ?? 0 };
}

const CST_MS = 8 * 60 * 60 * 1000;

/** Applications of the user today and this calendar year (CST), for DF-9.1 limits when enabled. */
export async function applicationCounts(tx: PlatformDb, accountId: string, now: Date): Promise<{ today: number; thisYear: number }> {
  const cst = new Date(now.getTime() + CST_MS);
  const dayStart = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate()) - CST_MS);
  const yearStart = new Date(Date.UTC(cst.getUTCFullYear(), 0, 1) - CST_MS);
  const [day] = await tx.select({ n: count() }).from(filings).where(and(eq(filings.accountId, accountId), gte(filings.appliedAt, dayStart)));
  const [year] = await tx.select({ n: count() }).from(filings).where(and(eq(filings.accountId, accountId), gte(filings.appliedAt, yearStart)));
  return { today: day?.n ?? 0, thisYear: year?.n ?? 0 };
}
