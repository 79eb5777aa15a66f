import { fineItem, provinceByCode } from "@jg/provinces";
import { sql } from "drizzle-orm";
import { rowsOf } from "@jg/service-kit";
import { type ProvinceDb } from "./db/database";
import { violations, violationSerial, type ViolationRow } from "./db/schema";
import { fineFactsOf } from "./violation/violation.service";

export interface SeedOptions {
  /** How many violations; all of one plate unless `plate` varies per index. */
  count: number;
  /** Plate of the i-th violation; default `渝A` + a 5-digit serial (home vehicles). */
  plate?: (i: number) => string;
  /** Violation code; default 1116 (running a red light, camera-recordable). */
  code?: string;
  /** Default CAMERA. */
  source?: "CAMERA" | "ON_SITE";
  occurredAt: Date;
  recordedAt: Date;
}

/**
 * Inserts violations directly, in one statement, for benchmarks and tests that need many rows fast.
 * Fine and points still come from the province's schedule in force at `occurredAt` (R-OOP-1); input
 * validation and the outbox are skipped, so this is never used on a request path.
 */
export async function seedViolations(db: ProvinceDb, provinceCode: string, options: SeedOptions): Promise<ViolationRow[]> {
  const province = provinceByCode(provinceCode);
  const code = options.code ?? "1116";
  const item = fineItem(provinceCode, code, options.occurredAt);
  if (!province || !item) throw new RangeError(`no schedule item ${code} for province ${provinceCode}`);
  const area = province.capitalAreaCode;
  const serials = rowsOf<{ n: string }>(
    await db.execute(sql`select nextval(${violationSerial.seqName}) as n from generate_series(1, ${options.count})`),
  );
  const rows = serials.map(({ n }, i) => ({
    id: area + String(n).padStart(10, "0"),
    provinceCode,
    plate: options.plate?.(i) ?? `渝A${String(i % 100_000).padStart(5, "0")}`,
    plateType: "02",
    code,
    location: "seeded",
    occurredAt: options.occurredAt,
    recordedAt: options.recordedAt,
    source: options.source ?? "CAMERA",
    agencyAreaCode: area,
    ...fineFactsOf(item),
    recorder: "SEED",
    sourceRecordKey: `seed-${n}`,
    requestHash: "seed",
  }));
  return rows.length === 0 ? [] : db.insert(violations).values(rows).returning();
}
