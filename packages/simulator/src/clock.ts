/**
 * The shared virtual clock (docs/design.md §5): every running service's clock moved to one instant with
 * `set` (never `advanceMs`), so the Chongqing process, whose clock also drives shard 50, moves once.
 * A stopped service is skipped; the simulation sets its clock when it starts again.
 */
import { audienceOf, internalPost, type RunningSystem } from "@jg/cluster";

/** Name, base URL and service-token audience of every clock in the system. */
function clockTargets(system: RunningSystem): { name: string; url: string; audience: string }[] {
  const targets = [
    { name: "gateway", url: system.gatewayUrl, audience: audienceOf("gateway") },
    { name: "chongqing", url: system.platformUrl, audience: audienceOf("chongqing") },
  ];
  for (const [code, url] of Object.entries(system.shards)) {
    if (code !== "50") targets.push({ name: `province-${code}`, url, audience: audienceOf(`province-${code}`) });
  }
  return targets;
}

/**
 * Moves the clocks of the named running services (default every running one) to `to`; returns the
 * earliest time they answered. Each token is signed at the wall time: the clock routes check it against the wall clock, not the virtual one.
 */
export async function setClocks(system: RunningSystem, to: Date, only?: string[]): Promise<Date> {
  const targets = clockTargets(system).filter(
    (t) => system.services.get(t.name)?.status === "running" && (!only || only.includes(t.name)),
  );
  const answers = await Promise.all(
    targets.map(async ({ url, audience }) =>
      internalPost<{ now: string }>(url, "/internal/clock", audience, { set: to.toISOString() }, system.keys),
    ),
  );
  return new Date(Math.min(...answers.map((a) => Date.parse(a.now))));
}
