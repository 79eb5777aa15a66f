import { type HomePlatformClient } from "@jg/handoff";
import { type Clock } from "@jg/service-kit";
import { type Logger } from "pino";
import { type ViewerAccess } from "./access/viewer-access";
import { type ProvinceShardConfig } from "./config";
import { type ProvinceDb } from "./db/database";
import { type HandlingService } from "./handling/handling.service";
import { type PaymentService } from "./payment/payment.service";
import { type ProvinceService } from "./province/province.service";
import { type ViolationService } from "./violation/violation.service";
import { type ViolationBatchService } from "./violation/violation-batch.service";
import { type ReconciliationService } from "./reconciliation/reconciliation.service";

/** What the shard's services are built from. */
interface ShardDeps {
  config: ProvinceShardConfig;
  clock: Clock;
  db: ProvinceDb;
  logger: Logger;
  homePlatform: HomePlatformClient;
  viewerAccess: ViewerAccess;
}

/** The shard's services, shared by every request (no per-request state: that lives in the context). */
export interface ShardServices extends ShardDeps {
  violations: ViolationService;
  violationBatches: ViolationBatchService;
  reconciliations: ReconciliationService;
  provinces: ProvinceService;
  handling: HandlingService;
  payments: PaymentService;
}
