/**
 * What the platform's services need from the outside, built once in `index.ts` (or by a test) and
 * passed down: the database, the injected clock (docs/design.md §5), the policy table (R-ELG-2, R-ELG-3E:
 * which policy is in force when), and a logger.
 */
import type { AccessStatement } from "@jg/identity";
import type { PolicyTable } from "@jg/rules";
import type { Clock } from "@jg/service-kit";
import type { Logger } from "pino";
import type { CitizenServices } from "./adapters/citizen-services";
import type { PlatformDb } from "./db/database";

export interface PlatformDeps {
  db: PlatformDb;
  clock: Clock;
  /** Policy periods; default `DEFAULT_POLICY_TABLE` of @jg/rules. */
  policyTable?: PolicyTable;
  log: Logger;
  /** SMS and face adapters, settings and secrets of the citizen-facing modules. */
  citizen: CitizenServices;
  /**
   * The access statements `Vehicle.violations` passes to the shards (issue 11, docs/design.md §4), signed
   * with the platform's own key and reused for a few seconds (@jg/identity's `accessStatements`); without
   * it the shards ask `/internal/access` instead.
   */
  accessStatements?: (statement: AccessStatement, now: Date) => Promise<string>;
  /** Called after handoff messages or a replay commit (they may have made webhook deliveries due): wakes the webhook relay. */
  webhooksWritten?: () => void;
}
