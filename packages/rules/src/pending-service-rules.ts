/**
 * Rules of MANUAL.md that only a service can demonstrate, and that no test cites yet because the service
 * does not exist yet. `manual-coverage.test.ts` accepts an uncited rule only if it is listed here, fails
 * when an entry names a rule that is not in the manual, and fails when a test inside `awaits` cites the
 * rule (the service has landed: remove the entry). The list must be empty once every service exists.
 *
 * Issues: 3 province service, 4 home platform, 5 gateway, 6 simulator.
 */
export type PendingRule = {
  /** The rule ID, as defined in MANUAL.md. */
  id: string;
  /** What remains for a service to show, and why no pure function decides it. */
  reason: string;
  /** The issue that delivers it. */
  issue: 3 | 4 | 5 | 6;
  /** The repository folder whose tests will cite it; a citation there makes this entry stale. */
  awaits: string;
};

export const PENDING_SERVICE_RULES: readonly PendingRule[] = [];
