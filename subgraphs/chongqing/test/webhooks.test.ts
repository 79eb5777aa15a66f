/**
 * Partners' webhook endpoints (issue 18) through the GraphQL API as PARTNER identities: registration and its
 * URL rules (development and production), who sees what, the secret at rest, the fleet's violations in the
 * graph (R-ELG-7: with the lease each falls in), and the platform's own relay delivering undriven.
 * Deliveries: webhook-delivery.test.ts; rotation, disabling, batches, atomicity: webhook-lifecycle.test.ts.
 */
import { randomUUID } from "node:crypto";
import { testEngines } from "@jg/service-kit/testing";
import { eq } from "drizzle-orm";
import { fetch } from "undici";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { webhookEndpoints, type PartnerRow, type VehicleRow } from "../src/db/schema";
import { seedPartner } from "../src/seed";
import { refuseEndpointUrl } from "../src/webhooks/endpoint-url";
import { publicOnlyDispatcher, refuseResolvedHost } from "../src/webhooks/public-address";
import { WebhookRelay } from "../src/webhooks/relay";
import { authorizeRequest, deliver, gql, message, recordedOf, startTestPlatform, type TestPlatform } from "./flow";
import { companyCar } from "./people";
import { TestReceiver } from "./webhook-receiver";
import { webhookWorld, codeOf, REGISTER, ENDPOINTS, ENABLE, ROTATE, FLEET, key, type Registered } from "./webhook-world";

for (const engine of testEngines()) {
  describe(`partner webhook endpoints on ${engine.name}`, () => {
    const w = webhookWorld(engine);
    const { receiver, lessee, as, register, record, deliveries, retryLater } = w;
    let t: TestPlatform, partner: PartnerRow, other: PartnerRow, car: VehicleRow, leaseId: string;
    beforeAll(() => ({ t, partner, other, car, leaseId } = w.state()));

    it("registration validates the URL and events, is idempotent on its key, and refuses the key with other data", async () => {
      const input = { url: receiver.url, events: ["VIOLATION_PAID"], idempotencyKey: key() };
      const first = (await gql<{ registerWebhookEndpoint: Registered }>(t, as(other), REGISTER, { input })).data!.registerWebhookEndpoint;
      expect(first.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const again = (await gql<{ registerWebhookEndpoint: Registered }>(t, as(other), REGISTER, { input })).data!.registerWebhookEndpoint;
      expect(again).toEqual(first);
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, events: ["VIOLATION_RECORDED"] } }))).toBe("IDEMPOTENCY_KEY_REUSED");
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, url: "ftp://127.0.0.1/x", idempotencyKey: key() } }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, url: "not a url", idempotencyKey: key() } }))).toBe("BAD_USER_INPUT");
      expect(codeOf(await gql(t, as(other), REGISTER, { input: { ...input, events: [], idempotencyKey: key() } }))).toBe("BAD_USER_INPUT");
      // The retry made no second endpoint.
      const listed = (await gql<{ webhookEndpoints: { id: string }[] }>(t, as(other), ENDPOINTS)).data!.webhookEndpoints;
      expect(listed.map((e) => e.id)).toEqual([first.endpoint.id]);
    });

    it("URLs: http(s) only; loopback and private addresses are allowed in development and refused in production", () => {
      expect(refuseEndpointUrl("http://127.0.0.1:9/x", false)).toBeNull();
      expect(refuseEndpointUrl("https://hooks.example.com/jg", true)).toBeNull();
      for (const url of ["http://127.0.0.1:9/x", "http://localhost/x", "http://localhost./x", "http://[::1]/x", "http://10.1.2.3/x", "http://192.168.0.5/x", "http://169.254.169.254/latest", "http://[::ffff:127.0.0.1]/x"]) {
        expect(refuseEndpointUrl(url, true), url).not.toBeNull();
      }
      expect(refuseEndpointUrl("file:///etc/passwd", false)).not.toBeNull();
      expect(refuseEndpointUrl("https://user:pw@hooks.example.com/", false)).not.toBeNull();
    });

    it("production: a host name resolving to an internal address is refused at registration and at the connection itself; a literal one too; development delivers", async () => {
      // Registration: a name that resolves (here by a test resolver) to a private address is refused.
      const resolveTo = (address: string) => ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address, family: 4 }])) as never;
      expect(await refuseResolvedHost("hooks.partner.test", resolveTo("10.0.0.7"))).toMatch(/10\.0\.0\.7, an internal address/);
      expect(await refuseResolvedHost("hooks.partner.test", resolveTo("203.0.113.9"))).toBeNull();
      expect(await refuseResolvedHost("[::1]")).not.toBeNull();
      // Rebinding: the name answered a public address when registered, a loopback one when connected. The
      // connection's own lookup is checked, so the request never leaves.
      let answers = 0;
      const rebinding = ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) =>
        cb(null, [{ address: answers++ === 0 ? "203.0.113.9" : "127.0.0.1", family: 4 }])) as never;
      expect(await refuseResolvedHost("rebind.partner.test", rebinding)).toBeNull();
      const guarded = publicOnlyDispatcher(rebinding);
      const before = receiver.received.length;
      const refused = await fetch(receiver.url.replace("127.0.0.1", "rebind.partner.test"), { method: "POST", body: "{}", dispatcher: guarded }).catch((err: Error) => err);
      await guarded.close();
      expect(refused).toBeInstanceOf(Error);
      expect(String((refused as Error & { cause?: Error }).cause?.message)).toMatch(/resolves to 127\.0\.0\.1, an internal address/);
      // The relay in production mode: a receiver on `localhost` (resolved by the system) and on 127.0.0.1 are
      // both refused and logged; the development relay delivers the same event.
      const hook = await register(partner, ["VIOLATION_RECORDED"]);
      const production = new WebhookRelay({ db: t.database.db, clock: t.clock, codeSecret: t.platform.deps.citizen.codeSecret, backoff: { baseMs: 1_000, jitter: 0 }, maxAttempts: 4, publicOnly: true });
      const setUrl = (url: string) => t.database.db.update(webhookEndpoints).set({ url }).where(eq(webhookEndpoints.id, hook.endpoint.id));
      try {
        await setUrl(receiver.url.replace("127.0.0.1", "localhost"));
        const { eventId } = await record(car.plate);
        await production.drainOnce();
        const [first] = await deliveries(partner, { eventId });
        expect(first).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: null });
        expect(first!.attemptLog[0]!.error).toMatch(/internal address/);
        await setUrl(receiver.url);
        t.clock.advance(60_000);
        await production.drainOnce();
        const [second] = await deliveries(partner, { eventId });
        expect(second!.attempts).toBe(2);
        expect(second!.attemptLog.map((a) => a.error)).toEqual([expect.stringMatching(/internal address/), expect.stringMatching(/^refused: 127\.0\.0\.1 is an internal address/)]);
        expect(receiver.received.slice(before).filter((r) => r.headers["x-jg-event-id"] === eventId)).toHaveLength(0);
        await retryLater();
        expect((await deliveries(partner, { eventId }))[0]).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 200 });
        expect(receiver.received.slice(before).filter((r) => r.headers["x-jg-event-id"] === eventId)).toHaveLength(1);
      } finally {
        await production.stop();
      }
    });

    it("a partner sees only its own endpoints and deliveries; another's answer as not existing; citizens and anonymous callers are refused", async () => {
      const mine = await register(partner, ["VIOLATION_REVERTED"]);
      const theirs = (await gql<{ webhookEndpoints: { id: string }[] }>(t, as(other), ENDPOINTS)).data!.webhookEndpoints;
      expect(theirs.map((e) => e.id)).not.toContain(mine.endpoint.id);
      expect(codeOf(await gql(t, as(other), ENABLE, { id: mine.endpoint.id, on: false }))).toBe("NOT_FOUND");
      expect(codeOf(await gql(t, as(other), ROTATE, { id: mine.endpoint.id, key: key() }))).toBe("NOT_FOUND");
      expect(codeOf(await gql(t, as(other), ENABLE, { id: randomUUID(), on: false }))).toBe("NOT_FOUND");
      expect(codeOf(await gql(t, { kind: "CITIZEN", accountId: randomUUID() }, ENDPOINTS))).toBe("FORBIDDEN");
      expect(codeOf(await gql(t, null, ENDPOINTS))).toBe("UNAUTHENTICATED");
      await gql(t, as(partner), ENABLE, { id: mine.endpoint.id, on: false });
    });

    it("the signing secret is not stored in clear", async () => {
      const hook = await register(partner, ["VIOLATION_PAID"]);
      const [row] = await t.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.endpoint.id));
      expect(JSON.stringify(row)).not.toContain(hook.signingSecret.slice(6));
    });

    it("R-ELG-7 decision: a partner reads its fleet's violations with the lease each falls in; not another partner's", async () => {
      const { req } = await record(car.plate);
      const fleet = (await gql<{ partnerFleet: { plate: string; violations: { violationId: string; status: string; lease: { id: string; lessee: { idNumber: string } } | null }[] }[] }>(t, as(partner), FLEET)).data!.partnerFleet;
      const mine = fleet.find((v) => v.plate === car.plate)!;
      expect(mine.violations.find((v) => v.violationId === req.violation.id)).toMatchObject({ status: "UNHANDLED", lease: { id: leaseId, lessee: { idNumber: lessee } } });
      const theirs = (await gql<{ partnerFleet: { plate: string; violations: { violationId: string }[] }[] }>(t, as(other), FLEET)).data!.partnerFleet;
      expect(theirs.flatMap((v) => v.violations.map((x) => x.violationId))).not.toContain(req.violation.id);
    });
  });
}


describe("the platform's own webhook relay", () => {
  it("starts with the platform and delivers a recorded violation of a fleet car without being driven", async () => {
    const engine = testEngines()[0]!;
    const t = await startTestPlatform(engine, "2024-06-01T10:00:00+08:00", { webhooks: { pollIntervalMs: 20 } });
    const receiver = new TestReceiver();
    await receiver.up();
    try {
      const p = await seedPartner(t.database.db, { companyName: "租车丙", creditCode: "91500000MA5UW0003C", apiKey: "hook-kc" });
      const car = await companyCar(t.database.db, p.creditCode, { useNature: "G" });
      const who = { kind: "PARTNER" as const, partnerId: p.id, companyId: p.creditCode };
      const res = await gql<{ registerWebhookEndpoint: Registered }>(t, who, REGISTER, { input: { url: receiver.url, events: ["VIOLATION_RECORDED"], idempotencyKey: key() } });
      receiver.secrets.push(res.data!.registerWebhookEndpoint.signingSecret);
      const msg = message("violation.recorded", recordedOf(authorizeRequest(randomUUID(), { plate: car.plate })));
      const nudge = vi.spyOn(t.platform.webhooks!, "nudge");
      await deliver(t, msg);
      expect(nudge).toHaveBeenCalled(); // the inbox wakes the idle relay (issue 12)
      await vi.waitFor(() => expect(receiver.processed.has(`evt_${msg.messageId}`)).toBe(true), { timeout: 10_000, interval: 50 });
      expect(receiver.received.every((r) => r.verified)).toBe(true);
    } finally {
      await receiver.down();
      await t.close();
      await engine.cleanup();
    }
  });
});
