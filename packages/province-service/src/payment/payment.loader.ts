import DataLoader from "dataloader";
import { inArray } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { payments, type PaymentRow } from "../db/schema";

/** The payment of each handling (at most one, R-DUP-1): one SQL query per batch, `null` when unpaid. */
export function createPaymentByHandlingLoader(db: ProvinceDb): DataLoader<string, PaymentRow | null> {
  return new DataLoader(async (handlingIds) => {
    const rows = await db.select().from(payments).where(inArray(payments.handlingId, [...handlingIds]));
    const byHandling = new Map(rows.map((row) => [row.handlingId, row]));
    return handlingIds.map((id) => byHandling.get(id) ?? null);
  });
}
