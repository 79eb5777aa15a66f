/**
 * `POST /internal/access`: may this account see these vehicles' violations at `at`? Province shards
 * ask before showing a violation, so one citizen cannot read another's (DESIGN §8). Allowed: the
 * owner, an active filing, a lessee or temporary driver during the lease.
 */
import { z } from "zod";
import { accountById } from "../accounts/account.store";
import type { PlatformDb } from "../db/database";
import { accessOfPeople, personOf, covers } from "../vehicles/vehicle-access";

/** Path of the access check on the home platform's internal API. */
export const ACCESS_PATH = "/internal/access";

export const accessRequestSchema = z.object({
  accountId: z.string().trim().min(1).max(128),
  plates: z.array(z.string().trim().min(1).max(32)).max(200),
  at: z.iso.datetime({ offset: true }),
});
export type AccessRequest = z.infer<typeof accessRequestSchema>;
export type AccessResponse = { allowed: Record<string, boolean> };

/** Answers for every plate asked (false for an unknown account or plate). */
export async function checkAccess(db: PlatformDb, req: AccessRequest): Promise<AccessResponse> {
  const allowed: Record<string, boolean> = Object.fromEntries(req.plates.map((plate) => [plate, false]));
  const account = await accountById(db, req.accountId);
  if (!account || req.plates.length === 0) return { allowed };
  const at = new Date(req.at);
  const rows = (await accessOfPeople(db, [personOf(account)], [...new Set(req.plates)])).get(account.id) ?? [];
  for (const row of rows) if (covers(row, at)) allowed[row.plate] = true;
  return { allowed };
}
