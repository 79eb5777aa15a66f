/**
 * `POST /internal/access`: may this account see these violations? Province shards ask before showing a
 * violation, so one citizen cannot read another's (docs/design.md §8). Each item is judged at the violation's
 * occurrence time with the relations `Vehicle.violations` uses (`covers` in vehicles/vehicle-access.ts):
 * the owner and an active filing see every violation of the vehicle; a lessee or temporary driver those
 * that occurred during the lease [starts_at, ends_at), also after it ended (R-ELG-7).
 *
 * Every shard of a citizen's "my violations" calls this once per request, so it is one SQL statement
 * whatever the number of items (it was four: the account, then owners, filings and leases). It states
 * the rule a second time, so test/authorization.test.ts pins it to `accessOfPeople` + `covers` for every
 * account, vehicle and lease edge of its data.
 */
import type { AccessRequest, AccessResponse } from "@jg/handoff";
import { sql } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { rowsOf } from "../db/rows";

/** Answers for every item asked, in order (false for an unknown account or plate). */
export async function checkAccess(db: PlatformDb, req: AccessRequest): Promise<AccessResponse> {
  const items = sql.join(
    req.items.map((item, i) => sql`(${i}::int, ${item.plate}::text, ${new Date(item.occurredAt).toISOString()}::timestamptz)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select i.ord,
      exists (select 1 from vehicles v
              where v.plate = i.plate and v.owner_kind = 'PERSON' and v.owner_id_number = a.id_number)
      or exists (select 1 from filings f
              where f.plate = i.plate and f.status = 'ACTIVE' and f.account_id = a.id)
      or exists (select 1 from leases l
              where l.plate = i.plate and l.starts_at <= i.at and i.at < l.ends_at
                and (l.lessee_id_number = a.id_number
                     or exists (select 1 from lease_drivers d where d.lease_id = l.id and d.id_number = a.id_number)))
      as allowed
    from (values ${items}) as i(ord, plate, at)
    join accounts a on a.id = ${req.accountId}`);
  const allowed = req.items.map(() => false);
  for (const row of rowsOf<{ ord: number; allowed: boolean }>(result)) allowed[Number(row.ord)] = row.allowed === true;
  return { allowed };
}
