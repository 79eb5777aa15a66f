// The shard's drizzle schema: one table per file. The outbox and inbox tables are defined by
// @jg/handoff and re-exported here so drizzle-kit generates them into this service's migrations.
export { violations, violationSerial, type ViolationRow } from "./violations";
export { handlings, decisionSerial, type HandlingRow } from "./handlings";
export { payments, type PaymentRow } from "./payments";
export { idempotency, type IdempotencyRow } from "./idempotency";
export { reconciliations, reconciliationItems, type ReconciliationRow, type ReconciliationItemRow } from "./reconciliations";
export { provinceSettings, type ProvinceSettingsRow } from "./province-settings";
export { outbox, inbox } from "@jg/handoff";
