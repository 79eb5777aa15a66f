/**
 * The webhook module's process part (issue 18): the relay that sends the webhook outbox, built from
 * the configuration. The platform starts it with its HTTP host and stops it before Apollo.
 */
import type { PlatformConfig } from "../config";
import type { PlatformDeps } from "../deps";
import { WebhookRelay } from "./relay";

/** The relay, or null when `config.webhooks.relay` is off (another process sends). */
export function createWebhookRelay(deps: PlatformDeps, config: PlatformConfig): WebhookRelay | null {
  const w = config.webhooks;
  if (!w.relay) return null;
  return new WebhookRelay({
    db: deps.db,
    clock: deps.clock,
    codeSecret: deps.citizen.codeSecret,
    maxAttempts: w.maxAttempts,
    backoff: { baseMs: w.backoffBaseMs, maxMs: w.backoffMaxMs },
    timeoutMs: w.timeoutMs,
    pollIntervalMs: w.pollIntervalMs,
    logger: deps.log.child({ module: "webhooks" }),
    publicOnly: deps.citizen.production,
  });
}
