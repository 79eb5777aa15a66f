/**
 * The shared virtual clock of an end-to-end system (docs/design.md §5): every service runs a virtual clock,
 * and a test moves all of them together to one instant. `set` (never `advanceMs`) is used so that the
 * Chongqing process, whose clock also drives shard 50, is moved exactly once whatever route it gets.
 */
import { audienceOf, internalPost, type RunningSystem } from "@jg/cluster";

/** Base URL and service-token audience of every clock in the system. */
function clockTargets(system: RunningSystem): { url: string; audience: string }[] {
  const targets = [
    { url: system.gatewayUrl, audience: audienceOf("gateway") },
    { url: system.platformUrl, audience: audienceOf("chongqing") },
  ];
  for (const [code, url] of Object.entries(system.shards)) {
    // Shard 50 lives in the Chongqing process and shares its clock.
    if (code !== "50") targets.push({ url, audience: audienceOf(`province-${code}`) });
  }
  return targets;
}

/**
 * Moves every service's virtual clock to `to` and returns the new time (the services keep ticking
 * from it). Each service token is signed at the wall time: the clock routes check it against the wall clock
 * (issue 10 §6), so a virtual clock moved far does not lock the mover out.
 */
export async function moveClock(system: RunningSystem, to: Date): Promise<Date> {
  const answers = await Promise.all(
    clockTargets(system).map(async ({ url, audience }) =>
      internalPost<{ now: string }>(url, "/internal/clock", audience, { set: to.toISOString() }, system.keys),
    ),
  );
  // Each answer is the service's now right after the move; the earliest is a safe "current time".
  return new Date(Math.min(...answers.map((a) => Date.parse(a.now))));
}
