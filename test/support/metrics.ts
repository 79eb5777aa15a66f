/**
 * Subgraph request counts from the gateway's Prometheus text (`jg_gateway_shard_request_duration_seconds_count`,
 * labelled by province and outcome): a test reads them before and after an operation and compares the
 * difference, which tells how many requests reached each province's shard (R-OOP-1, docs/design.md §3).
 */
const SHARD_COUNT = "jg_gateway_shard_request_duration_seconds_count";

/** Province code → number of shard requests the gateway made (every outcome). */
export type ShardCounts = Record<string, number>;

/** Parses the shard request counters out of a Prometheus exposition text. */
function parseShardCounts(text: string): ShardCounts {
  const counts: ShardCounts = {};
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${SHARD_COUNT}{`)) continue;
    const province = /province="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (province && Number.isFinite(value)) counts[province] = (counts[province] ?? 0) + value;
  }
  return counts;
}

/** Reads the gateway's current shard request counts. */
export async function shardCounts(gatewayUrl: string): Promise<ShardCounts> {
  const res = await fetch(`${gatewayUrl}/metrics`);
  if (!res.ok) throw new Error(`gateway /metrics answered HTTP ${res.status}`);
  return parseShardCounts(await res.text());
}

/** `after - before` per province, keeping only provinces with requests. */
export function countDelta(before: ShardCounts, after: ShardCounts): ShardCounts {
  const delta: ShardCounts = {};
  for (const [province, n] of Object.entries(after)) {
    const d = n - (before[province] ?? 0);
    if (d !== 0) delta[province] = d;
  }
  return delta;
}

/** Runs `action` and returns its result with the shard requests it caused. */
export async function countShardRequests<T>(gatewayUrl: string, action: () => Promise<T>): Promise<{ result: T; requests: ShardCounts }> {
  const before = await shardCounts(gatewayUrl);
  const result = await action();
  return { result, requests: countDelta(before, await shardCounts(gatewayUrl)) };
}
