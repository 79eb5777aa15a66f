import DataLoader from "dataloader";
import { preparedOnce, textArray } from "@jg/service-kit";
import { sql } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { payments, type PaymentRow } from "../db/schema";

/** The payment of each handling (at most one, R-DUP-1): one SQL query per batch, `null` when unpaid. */
export function createPaymentByHandlingLoader(db: ProvinceDb): DataLoader<string, PaymentRow | null> {
  return new DataLoader(async (handlingIds) => {
    const rows = await preparedOnce(db, "payments_by_handlings", buildByHandlings).execute({ keys: textArray(handlingIds) });
    const byHandling = new Map(rows.map((row) => [row.handlingId, row]));
    return handlingIds.map((id) => byHandling.get(id) ?? null);
  });
}

/** Built once per database handle and prepared (issue 12): the handling IDs go as one uuid[] parameter. */
function buildByHandlings(db: ProvinceDb) {
  return db
    .select()
    .from(payments)
    .where(sql`${payments.handlingId} = any(${sql.placeholder("keys")}::uuid[])`)
    .prepare("payments_by_handlings");
}
