/**
 * `POST /internal/access`: may this account see these violations? Province shards ask before showing a
 * violation, so one citizen cannot read another's (docs/design.md §8). Each item is judged at the violation's
 * occurrence time with the relations `Vehicle.violations` uses (`covers` in vehicles/vehicle-access.ts):
 * the owner and an active filing see every violation of the vehicle; a lessee or temporary driver those
 * that occurred during the lease [starts_at, ends_at), also after it ended (R-ELG-7).
 *
 * Every shard of a citizen's "my violations" calls this once per request, so it is one SQL statement
 * whatever the number of items (it was four: the account, then owners, filings and leases), and the
 * checks arriving together share one statement (`createAccessBatcher`). It states
 * the rule a second time, so test/authorization.test.ts pins it to `accessOfPeople` + `covers` for every
 * account, vehicle and lease edge of its data.
 */
import type { AccessRequest, AccessResponse } from "@jg/handoff";
import DataLoader from "dataloader";
import { sql } from "drizzle-orm";
import { preparedOnce, preparedSql, rowsOf, textArray, typedPlaceholder } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";

/** Answers for every item asked, in order (false for an unknown account or plate). */
export async function checkAccess(db: PlatformDb, req: AccessRequest): Promise<AccessResponse> {
  const [answer] = await checkAccessBatch(db, [req]);
  return answer!;
}

/**
 * The check for items given as arrays, one row per item (`unnest` of equal-length arrays).
 * `offset 0` keeps the filings check a probe of filings_live_uq (account, plate) per item: without it
 * the platform's generic plan, with no table statistics, hashed every ACTIVE filing for each statement
 * (issue 12: 344 rows read for 2 items in a seeded database; EXISTS with a LIMIT/OFFSET is never
 * turned into a hashed subplan). The owner check has it too: PostgreSQL without statistics hashed every
 * person-owned vehicle there (review of issue 12); with it, a probe of vehicles_pkey (plate) per item.
 */
function build(db: PlatformDb) {
  const array = (name: string, type: string) => typedPlaceholder(name, `${type}[]`);
  return preparedSql(
    db,
    "access_check",
    sql`
    select i.req, i.ord,
      exists (select 1 from vehicles v
              where v.plate = i.plate and v.owner_kind = 'PERSON' and v.owner_id_number = a.id_number offset 0)
      or exists (select 1 from filings f
              where f.plate = i.plate and f.status = 'ACTIVE' and f.account_id = a.id offset 0)
      or exists (select 1 from leases l
              where l.plate = i.plate and l.starts_at <= i.at and i.at < l.ends_at
                and (l.lessee_id_number = a.id_number
                     or exists (select 1 from lease_drivers d where d.lease_id = l.id and d.id_number = a.id_number)))
      as allowed
    from unnest(${array("req", "int")}, ${array("ord", "int")}, ${array("accountId", "text")}, ${array("plate", "text")}, ${array("at", "timestamptz")})
      as i(req, ord, account_id, plate, at)
    join accounts a on a.id = i.account_id`,
  );
}

/**
 * Answers several requests, each for its own account, in one statement: every item carries the
 * number of its request and that request's account, so nothing of one request reaches another's
 * answer.
 */
async function checkAccessBatch(db: PlatformDb, reqs: readonly AccessRequest[]): Promise<AccessResponse[]> {
  // The items as five parallel arrays (issue 12: a VALUES list had a text per batch size, built by
  // drizzle on every call; the arrays make one statement, built once per database handle).
  const items = reqs.flatMap((req, r) => req.items.map((item, i) => ({ r, i, accountId: req.accountId, plate: item.plate, at: new Date(item.occurredAt).toISOString() })));
  const result = await preparedOnce(db, "access_check", build).execute({
    req: `{${items.map((x) => x.r).join(",")}}`,
    ord: `{${items.map((x) => x.i).join(",")}}`,
    accountId: textArray(items.map((x) => x.accountId)),
    plate: textArray(items.map((x) => x.plate)),
    at: textArray(items.map((x) => x.at)),
  });
  const answers = reqs.map((req) => ({ allowed: req.items.map(() => false) }));
  for (const row of rowsOf<{ req: number; ord: number; allowed: boolean }>(result)) {
    answers[Number(row.req)]!.allowed[Number(row.ord)] = row.allowed === true;
  }
  return answers;
}

/**
 * The access checks that arrive in one turn of the event loop, answered in one statement (issue #11:
 * the seven shards of a citizen's query ask at about the same moment, and on PGlite each statement
 * costs more than its rows). A DataLoader without a cache: it batches, it never remembers an answer,
 * so nothing crosses requests but the statement. At most 20 requests (10 000 items) per statement.
 */
export function createAccessBatcher(db: PlatformDb): (req: AccessRequest) => Promise<AccessResponse> {
  const loader = new DataLoader<AccessRequest, AccessResponse>((reqs) => checkAccessBatch(db, reqs), {
    cache: false,
    maxBatchSize: 20,
    batchScheduleFn: (run) => setImmediate(run),
  });
  return (req) => loader.load(req);
}
