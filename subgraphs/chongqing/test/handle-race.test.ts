/**
 * Issue #10 §6, R-ELG-6 / R-DUP-1 through the real shard 50 and the real home platform: two handlings of
 * ONE violation at once, with different idempotency keys, by a driver whose points leave room for it once.
 * One wins; the other must be told the real cause (ALREADY_HANDLED), never POINTS_WOULD_REACH_12, which
 * it used to get when its authorization saw the winner's reservation of the same violation.
 */
import { signIdentity, type Identity } from "@jg/identity";
import { seedViolations } from "@jg/province-service";
import { VirtualClock } from "@jg/service-kit";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChongqing, type RunningChongqing } from "../src/platform";
import { parseConfig } from "../src/config";
import { EDGE, PLATFORM_KEYS, SHARD50_KEYS } from "./keys";
import { driver, ownCar } from "./people";

const HANDLE = `mutation($id: ID!, $k: String!) { handleViolation(id: $id, noticeAccepted: true, idempotencyKey: $k) { ok denials { code ruleId } } }`;
type Answer = { data?: { handleViolation: { ok: boolean; denials: { code: string; ruleId: string }[] } } | null; errors?: unknown[] };

describe("issue #10 §6: concurrent handlings of one violation (R-ELG-6, R-DUP-1)", () => {
  let cq: RunningChongqing;
  const clock = new VirtualClock("2024-06-03T10:00:00+08:00");
  beforeAll(async () => {
    const config = parseConfig({ port: 0, logLevel: "silent", keys: PLATFORM_KEYS, shard50: { enabled: true, port: 0, keys: SHARD50_KEYS } });
    cq = await startChongqing({ config, clock, log: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await cq?.close();
  });

  const handle = async (who: Identity, id: string, key: string): Promise<Answer> => {
    const identity = await signIdentity(who, { signer: EDGE, now: clock.now() });
    const res = await fetch(`${cq.shard!.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-jg-identity": identity },
      body: JSON.stringify({ query: HANDLE, variables: { id, k: key } }),
    });
    return (await res.json()) as Answer;
  };

  it("the loser is told ALREADY_HANDLED, never POINTS_WOULD_REACH_12", async () => {
    const losers: string[][] = [];
    for (let round = 0; round < 6; round += 1) {
      // 8 + 3 = 11 fits once; counting the same violation's 3 points twice (8 + 3 + 3) would not.
      const me = await driver(cq.database.db, `并发${round}`, { points: 8, pointsAt: new Date("2024-04-01T00:00:00+08:00") });
      const car = await ownCar(cq.database.db, me);
      const at = new Date(clock.now().getTime() - 3600_000);
      const [v] = await seedViolations(cq.shard!.db, "50", { count: 1, occurredAt: at, recordedAt: at, plate: () => car.plate, code: "1362" });
      const who: Identity = { kind: "CITIZEN", accountId: me.id };
      const answers = await Promise.all([handle(who, v!.id, `race-a-${round}`), handle(who, v!.id, `race-b-${round}`)]);
      const results = answers.map((a) => a.data!.handleViolation);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      losers.push(results.find((r) => !r.ok)!.denials.map((d) => `${d.ruleId}:${d.code}`));
    }
    for (const denials of losers) expect(denials).toEqual(["R-DUP-1:ALREADY_HANDLED"]);
  });
});
