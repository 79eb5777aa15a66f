/**
 * `POST /internal/access`: may this account see these vehicles' violations at `at`? Province shards
 * ask before showing a violation, so one citizen cannot read another's (DESIGN §8). Allowed: the
 * owner, an active filing, a lessee or temporary driver during the lease.
 */
import type { AccessRequest, AccessResponse } from "@jg/handoff";
import { accountById } from "../accounts/account.store";
import type { PlatformDb } from "../db/database";
import { accessOfPeople, personOf, covers } from "../vehicles/vehicle-access";

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
