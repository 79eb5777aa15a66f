import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "../../test/fixtures/keys";
import { loadConfig } from "../config";
import { buildShards } from "./build-shards";
import type { KeepAliveFetcher } from "./keep-alive-fetcher";
import { routeRootFields } from "./root-fields";
import { ROOT_ROUTES } from "./route-table";
import type { ShardCall } from "./shard-client";

/**
 * Issue 18 follow-up: a 500-record `recordViolations` may take longer than the per-shard timeout on a
 * loaded machine, so the route table marks batch mutations and their shard request gets
 * SHARD_BATCH_TIMEOUT_MS; queries and other mutations keep SHARD_TIMEOUT_MS.
 */
describe("the batch timeout of heavy batch mutations (route-table.ts `batch`)", () => {
  /** Sends `query` through the router to shard 51 and answers the timeout its attempt was armed with. */
  async function armedTimeout(query: string, variables: Record<string, unknown>, timeouts = { shardTimeoutMs: 3_000, shardBatchTimeoutMs: 30_000 }) {
    const armed: number[] = [];
    const keepAlive: KeepAliveFetcher = {
      post: async () => ({ status: 200, statusText: "OK", contentType: "application/json", text: JSON.stringify({ data: {} }) }),
      fetcher: (() => Promise.reject(new Error("not used"))) as unknown as KeepAliveFetcher["fetcher"],
      close: async () => {},
    };
    const logger = { warn: () => {} } as never;
    const metrics = { circuitChanged: () => {}, shardRequests: { observe: () => {} } } as never;
    const shards = buildShards(
      { shards: { "51": "http://127.0.0.1:1/graphql" }, ...timeouts, shardRetries: 0, retryBaseMs: 0, breakerFailures: 5, breakerCoolDownMs: 1_000, subgraphTracing: false },
      { keepAlive, metrics, logger, timer: (ms) => (armed.push(ms), () => {}) },
    );
    const document = parse(query);
    const operation = getOperationAST(document)!;
    const call: ShardCall = { operationType: operation.operation, query, variables, options: { context: {} } as never };
    await routeRootFields(shards, ROOT_ROUTES, call, document, operation);
    return armed;
  }

  it("recordViolations and submitReconciliation get the batch timeout; a query and another mutation keep the shard timeout", async () => {
    expect(await armedTimeout(`mutation($r: [ViolationRecordInput!]!) { recordViolations(province: "51", records: $r) { recorded } }`, { r: [] })).toEqual([30_000]);
    expect(await armedTimeout(`mutation { submitReconciliation(province: "51", input: {}) { id } }`, {})).toEqual([30_000]);
    expect(await armedTimeout(`mutation { handleViolation(id: "5101000000000001") { id } }`, {})).toEqual([3_000]);
    expect(await armedTimeout(`{ province(code: "51") { code } }`, {})).toEqual([3_000]);
    // Never shorter than the shard timeout, should someone set it below.
    expect(await armedTimeout(`mutation { recordViolations(province: "51", records: []) { recorded } }`, {}, { shardTimeoutMs: 5_000, shardBatchTimeoutMs: 1_000 })).toEqual([5_000]);
  });

  it("SHARD_BATCH_TIMEOUT_MS configures it; default 30 000, and SHARD_TIMEOUT_MS stays 3 000", () => {
    const env = {
      PLATFORM_URL: "http://127.0.0.1:4000/graphql",
      SHARDS: "50=http://127.0.0.1:4050/graphql",
      SIGNING_KEY: TEST_KEYS.privateKeys["gateway"]!,
      KEY_DIRECTORY: JSON.stringify(TEST_KEYS.directory),
    };
    expect(loadConfig(env)).toMatchObject({ shardTimeoutMs: 3_000, shardBatchTimeoutMs: 30_000 });
    expect(loadConfig({ ...env, SHARD_BATCH_TIMEOUT_MS: "60000" })).toMatchObject({ shardTimeoutMs: 3_000, shardBatchTimeoutMs: 60_000 });
  });
});
