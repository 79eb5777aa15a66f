/**
 * A fake home platform on a real HTTP port, implementing the @jg/handoff internal API the way the real
 * one must: authorize idempotent on handlingId (one reservation per handling), release idempotent and
 * voiding a handling ID released before any reservation (a later authorize of it answers voided),
 * messages deduplicated by ID, and the access check, also within authorize (`checkViewer`: judged first
 * with `access`, a hidden answer writes nothing). Every call is recorded for assertions.
 */
import {
  AUTHORIZE_PATH,
  ACCESS_PATH,
  accessRequestSchema,
  type AccessItem,
  authorizeRequestSchema,
  HOME_PLATFORM_SERVICE,
  MESSAGES_PATH,
  parseMessage,
  RELEASE_PATH,
  releaseRequestSchema,
  type AuthorizeRequest,
  type AuthorizeResponse,
  type HandoffMessage,
} from "@jg/handoff";
import { authenticateService, type KeyDirectory } from "@jg/identity";
import { startHttpServer, type Clock, type HttpRequest, type HttpResponse } from "@jg/service-kit";

export interface FakeHome {
  url: string;
  /** Every authorize request, in order (retries included). */
  authorizeCalls: AuthorizeRequest[];
  /** handlingId → reservationId of live reservations. */
  reservations: Map<string, string>;
  released: string[];
  /** Handling IDs settled by a release (a void included): authorize answers them voided. */
  settled: Set<string>;
  /** Approvals to lose after reserving: answered 503 instead, as a timeout would leave it. */
  loseAuthorizeAnswers: number;
  /** Releases to refuse with 503 (before doing anything). */
  refuseReleases: number;
  /** Messages received, duplicates dropped. */
  messages: HandoffMessage[];
  /** Size of every batched /internal/messages request, in order. */
  batches: number[];
  /** Decides a new authorization; default approve. */
  decide: (req: AuthorizeRequest) => AuthorizeResponse;
  /** Awaited before each authorize answer when set: a test's barrier, to make handlings overlap. */
  hold: (() => Promise<void>) | undefined;
  /** Every authorize answer sent (status 200), in order. */
  authorizeAnswers: AuthorizeResponse[];
  /** Behave as a platform from before `checkViewer`: ignore the flag (no `visible` in the answer). */
  ignoreCheckViewer: boolean;
  /** Which violations (plate, occurrence time) an account may see, in order; default every one. Also judges `checkViewer`. */
  access: (accountId: string, items: AccessItem[]) => boolean[];
  accessCalls: { accountId: string; items: AccessItem[] }[];
  /** When set, /internal/messages answers 503 (to exercise retries). */
  refuseMessages: boolean;
  close(): Promise<void>;
}

export async function startFakeHome(directory: KeyDirectory, clock: Clock): Promise<FakeHome> {
  const home: Omit<FakeHome, "url" | "close"> = {
    authorizeCalls: [],
    authorizeAnswers: [],
    ignoreCheckViewer: false,
    reservations: new Map(),
    released: [],
    settled: new Set(),
    loseAuthorizeAnswers: 0,
    refuseReleases: 0,
    messages: [],
    batches: [],
    decide: () => ({ approved: true, reservationId: "", licenceNumber: "510100199001010011", pointsBefore: 0, reservedBefore: 0 }),
    access: (_accountId, items) => items.map(() => true),
    accessCalls: [],
    refuseMessages: false,
    hold: undefined,
  };
  const guarded = (handler: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>) => async (req: HttpRequest): Promise<HttpResponse> => {
    try {
      await authenticateService(String(req.headers.authorization ?? ""), { directory, audience: HOME_PLATFORM_SERVICE, now: clock.now() });
    } catch {
      return { status: 401, json: { error: "SERVICE_TOKEN_INVALID" } };
    }
    return handler(req);
  };
  let reserved = 0;
  /**
   * The real platform's order: with `checkViewer`, someone else's violation is hidden (nothing written); then a
   * settled handling is voided, a decided one answered again, else decided; `visible: true` when flagged.
   */
  const answerTo = (request: AuthorizeRequest): AuthorizeResponse => {
    if (!request.checkViewer || home.ignoreCheckViewer) return decideOnce(request);
    const [visible] = home.access(request.accountId, [{ plate: request.violation.plate, occurredAt: request.violation.occurredAt }]);
    if (!visible) return { approved: false, visible: false };
    return { ...decideOnce(request), visible: true } as AuthorizeResponse;
  };
  const decideOnce = (request: AuthorizeRequest): AuthorizeResponse => {
    if (home.settled.has(request.handlingId)) return { approved: false, voided: true };
    const existing = home.reservations.get(request.handlingId);
    if (existing) return { approved: true, reservationId: existing, licenceNumber: "L", pointsBefore: 0, reservedBefore: 0 };
    const answer = home.decide(request);
    if (!answer.approved) return answer;
    reserved += 1;
    const reservationId = `res-${reserved}`;
    home.reservations.set(request.handlingId, reservationId);
    return { ...answer, reservationId };
  };
  const server = await startHttpServer({
    routes: [
      {
        method: "POST",
        path: AUTHORIZE_PATH,
        handler: guarded(async (req) => {
          const request = authorizeRequestSchema.parse(req.body);
          home.authorizeCalls.push(request);
          await home.hold?.();
          const answer = answerTo(request);
          if (answer.approved && home.loseAuthorizeAnswers > 0) {
            home.loseAuthorizeAnswers -= 1;
            return { status: 503, json: { error: "answer lost" } };
          }
          home.authorizeAnswers.push(answer);
          return { status: 200, json: answer };
        }),
      },
      {
        method: "POST",
        path: RELEASE_PATH,
        handler: guarded((req) => {
          if (home.refuseReleases > 0) {
            home.refuseReleases -= 1;
            return { status: 503, json: { error: "down" } };
          }
          const { handlingId } = releaseRequestSchema.parse(req.body);
          home.reservations.delete(handlingId);
          home.released.push(handlingId);
          home.settled.add(handlingId);
          return { status: 200, json: { ok: true } };
        }),
      },
      {
        method: "POST",
        path: MESSAGES_PATH,
        handler: guarded((req) => {
          if (home.refuseMessages) return { status: 503, json: { error: "down" } };
          const take = (raw: unknown) => {
            const message = parseMessage(raw);
            const duplicate = home.messages.some((m) => m.messageId === message.messageId);
            if (!duplicate) home.messages.push(message);
            return { message, duplicate };
          };
          // The batched form (the relay's default) is answered per message; the single form as before.
          const body = req.body as { messages?: unknown };
          if (Array.isArray(body.messages)) {
            home.batches.push(body.messages.length);
            const results = body.messages.map((raw) => {
              const { message, duplicate } = take(raw);
              return { messageId: message.messageId, outcome: duplicate ? "duplicate" : "applied" };
            });
            return { status: 200, json: { results } };
          }
          const { message, duplicate } = take(req.body);
          return { status: 200, json: { outcome: duplicate ? "duplicate" : "processed", messageId: message.messageId } };
        }),
      },
      {
        method: "POST",
        path: ACCESS_PATH,
        handler: guarded((req) => {
          const body = accessRequestSchema.parse(req.body);
          home.accessCalls.push(body);
          return { status: 200, json: { allowed: home.access(body.accountId, body.items) } };
        }),
      },
    ],
  });
  return Object.assign(home, { url: server.url, close: () => server.close() });
}

/** A barrier for `hold`: every caller waits until `count` callers have arrived. */
export function arrivals(count: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived >= count) open();
    return all;
  };
}
