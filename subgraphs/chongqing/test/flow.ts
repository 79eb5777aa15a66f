/**
 * Every operation the platform's integration tests perform, as typed functions (Hive's `flow.ts`):
 * opening a fresh database on an engine, starting the HTTP host, calling the internal API with a
 * service token, sending handoff messages, and querying the subgraph as a given identity.
 */
import { randomUUID } from "node:crypto";
import {
  AUTHORIZE_PATH,
  buildMessage,
  HOME_PLATFORM_SERVICE,
  MESSAGES_PATH,
  RELEASE_PATH,
  type AuthorizeRequest,
  type AuthorizeResponse,
  type HandoffMessageType,
  type MessageOf,
  ACCESS_PATH,
  type AccessResponse,
} from "@jg/handoff";
import { bearer, signIdentity, signServiceToken, type Identity } from "@jg/identity";
import { VirtualClock } from "@jg/service-kit";
import type { TestEngine } from "@jg/service-kit/testing";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { createPlatform, type Platform } from "../src/platform";
import { parseConfig } from "../src/config";
import { openPlatformDatabase, type PlatformDatabase } from "../src/db/database";
import { DEV_SMS_CODES_PATH } from "../src/handoff/internal-routes";

import { EDGE, PLATFORM_KEYS, SHARD50_KEYS, shardSigner, SIMULATOR } from "./keys";
import { violationId } from "./violation-representation";

export { DIRECTORY, EDGE, SIMULATOR } from "./keys";

export interface TestPlatform {
  database: PlatformDatabase;
  clock: VirtualClock;
  platform: Platform;
  url: string;
  /** The PostgreSQL database's URL; undefined on PGlite. */
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * The platform of one suite on `engine`: started before its tests, closed (its database dropped) after.
 * The object is filled in when the suite starts: read it inside tests and hooks.
 */
export function platformForSuite(engine: TestEngine, start?: string, config?: Record<string, unknown>): TestPlatform {
  const t = {} as TestPlatform;
  beforeAll(async () => {
    Object.assign(t, await startTestPlatform(engine, start, config));
  });
  afterAll(async () => {
    await t.close?.();
    await engine.cleanup();
  });
  return t;
}

/** A fresh database on `engine`, the platform on a free port, the clock at `start`. */
export async function startTestPlatform(engine: TestEngine, start = "2024-06-01T10:00:00+08:00", config: Record<string, unknown> = {}): Promise<TestPlatform> {
  const databaseUrl = await engine.create();
  const database = await openPlatformDatabase({ url: databaseUrl });
  const clock = new VirtualClock(start);
  const parsed = parseConfig({ port: 0, keys: PLATFORM_KEYS, shard50: { enabled: false, keys: SHARD50_KEYS }, ...config });
  const platform = await createPlatform({ config: parsed, db: database.db, clock, log: pino({ level: "silent" }) });
  const host = await platform.listen();
  return {
    database,
    clock,
    platform,
    url: host.url,
    databaseUrl,
    async close() {
      await host.close();
      await platform.stop();
      await database.close();
    },
  };
}

/** The province a body speaks about: its violation's (authorize, release, messages); default 51. */
function provinceOf(body: unknown): string {
  const b = body as { violation?: { id?: string }; payload?: { violationId?: string }; violationId?: string } | null;
  const id = b?.violation?.id ?? b?.payload?.violationId ?? b?.violationId;
  return id?.slice(0, 2) ?? "51";
}

/** POSTs to an internal path; without `token`, as the shard of the province the body speaks about (issue 10 §5). */
export async function post<T>(t: TestPlatform, path: string, body: unknown, token?: string): Promise<{ status: number; json: T }> {
  const authorization = token ?? bearer(await signServiceToken(HOME_PLATFORM_SERVICE, shardSigner(provinceOf(body)), t.clock.now()));
  const res = await fetch(`${t.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/**
 * The development SMS codes sent to `phone`, newest first, read from the internal route with a service
 * token (issue #10 §2: no longer in the public graph); throws unless 200.
 */
export async function devSmsCodes(t: TestPlatform, phone: string): Promise<{ code: string; purpose: string }[]> {
  const token = bearer(await signServiceToken(HOME_PLATFORM_SERVICE, SIMULATOR, t.clock.now()));
  const res = await fetch(`${t.url}${DEV_SMS_CODES_PATH}?phone=${encodeURIComponent(phone)}`, { headers: { authorization: token } });
  if (res.status !== 200) throw new Error(`sms-codes answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { codes: { code: string; purpose: string }[] }).codes;
}

/** POST /internal/authorize; throws unless 200. */
export async function authorize(t: TestPlatform, req: AuthorizeRequest): Promise<AuthorizeResponse> {
  const res = await post<AuthorizeResponse>(t, AUTHORIZE_PATH, req);
  if (res.status !== 200) throw new Error(`authorize answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** POST to an internal path with a chosen authorization header (or none), for refusal tests. */
export function postRaw(t: TestPlatform, path: string, body: unknown, authorization: string): Promise<{ status: number; json: unknown }> {
  return post(t, path, body, authorization);
}

/** POST /internal/release of the handling `req` authorized (or would); returns the outcome (settled, voided, …). */
export async function release(t: TestPlatform, req: AuthorizeRequest, handlingId = req.handlingId): Promise<string> {
  const res = await post<{ outcome: string }>(t, RELEASE_PATH, { handlingId, accountId: req.accountId, violationId: req.violation.id, reason: "PROVINCE_ROLLBACK" });
  if (res.status !== 200) throw new Error(`release answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json.outcome;
}

/** POST /internal/access for violations of `plates` that occurred at `at`; answers by plate. */
export async function access(t: TestPlatform, accountId: string, plates: string[], at: Date): Promise<Record<string, boolean>> {
  const items = plates.map((plate) => ({ plate, occurredAt: at.toISOString() }));
  const res = await post<AccessResponse>(t, ACCESS_PATH, { accountId, items });
  if (res.status !== 200) throw new Error(`access answered ${res.status}`);
  if (res.json.allowed.length !== plates.length) throw new Error(`access answered ${res.json.allowed.length} items for ${plates.length}`);
  return Object.fromEntries(plates.map((plate, i) => [plate, res.json.allowed[i]!]));
}

/** POST /internal/messages with one message; returns the outcome. */
export async function deliver(t: TestPlatform, message: MessageOf<HandoffMessageType>): Promise<string> {
  const res = await post<{ outcome: string }>(t, MESSAGES_PATH, message);
  if (res.status !== 200) throw new Error(`messages answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json.outcome;
}

export type ViolationInput = Partial<AuthorizeRequest["violation"]> & { plate: string };

/** An authorize request for `accountId` about a violation (camera, 200 yuan, 3 points by default). */
export function authorizeRequest(accountId: string, v: ViolationInput, handlingId: string = randomUUID()): AuthorizeRequest {
  const provinceCode = v.provinceCode ?? "51";
  return {
    handlingId,
    accountId,
    violation: {
      id: v.id ?? violationId(provinceCode),
      provinceCode,
      plate: v.plate,
      plateType: v.plateType ?? "02",
      code: v.code ?? "1362",
      occurredAt: v.occurredAt ?? "2024-05-01T10:00:00+08:00",
      source: v.source ?? "CAMERA",
      fineYuan: v.fineYuan ?? 200,
      points: v.points ?? 3,
      warningOnly: v.warningOnly ?? false,
    },
    requestedAt: new Date().toISOString(),
  };
}

/** A handoff message from province `provinceCode` (default 51). */
export function message<T extends HandoffMessageType>(
  type: T,
  payload: MessageOf<T>["payload"],
  options: { provinceCode?: string; messageId?: string; at?: Date } = {},
): MessageOf<T> {
  const provinceCode = options.provinceCode ?? "51";
  return buildMessage({
    type,
    payload,
    source: `province-${provinceCode}`,
    provinceCode,
    occurredAt: options.at ?? new Date(),
    ...(options.messageId ? { messageId: options.messageId } : {}),
  });
}

/** A "violation.recorded" payload for an authorize request's violation. */
export function recordedOf(req: AuthorizeRequest): MessageOf<"violation.recorded">["payload"] {
  const v = req.violation;
  return {
    violationId: v.id,
    provinceCode: v.provinceCode,
    plate: v.plate,
    plateType: v.plateType,
    code: v.code,
    descriptionZh: "驾驶机动车有拨打、接听手持电话等妨碍安全驾驶的行为的",
    descriptionEn: "Handheld phone while driving",
    location: "成都市人民南路",
    occurredAt: v.occurredAt,
    source: v.source,
    fineYuan: v.fineYuan,
    points: v.points,
    warningOnly: v.warningOnly,
    recordedAt: v.occurredAt,
  };
}

/** A "violation.paid" payload for a handling. */
export function paidOf(req: AuthorizeRequest, paidAt: Date): MessageOf<"violation.paid">["payload"] {
  return {
    violationId: req.violation.id,
    handlingId: req.handlingId,
    paymentId: randomUUID(),
    channel: "ALIPAY",
    amountYuan: req.violation.fineYuan,
    paidAt: paidAt.toISOString(),
    points: req.violation.points,
  };
}

/** A "violation.reverted" payload for a handling (R-PAY-1). */
export function revertedOf(req: AuthorizeRequest, revertedAt: Date): MessageOf<"violation.reverted">["payload"] {
  return { violationId: req.violation.id, handlingId: req.handlingId, revertedAt: revertedAt.toISOString(), reason: "PAYMENT_DEADLINE" };
}

export type GraphQLResult<T> = { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };

/** Runs a GraphQL operation against the platform subgraph as `identity` (null: the edge's signed ANONYMOUS identity). */
export async function gql<T = Record<string, unknown>>(
  t: TestPlatform,
  identity: Identity | null,
  query: string,
  variables: Record<string, unknown> = {},
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
  headers["x-jg-identity"] = await signIdentity(identity ?? { kind: "ANONYMOUS" }, { signer: EDGE, now: t.clock.now() });
  const res = await fetch(`${t.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GraphQLResult<T>;
}
