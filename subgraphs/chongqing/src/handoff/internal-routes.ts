/**
 * The home platform's internal API (docs/design.md §4), mounted on the service's HTTP host next to GraphQL but
 * not part of the public supergraph. Every route needs a service token addressed to the home platform
 * (`authenticateService` against the key directory), and the signer must be one that may say it
 * (issue 10 §5): authorize, release and the handoff messages only from the shard of the violation's
 * province (the violation ID's first two digits), the access check from a province shard, the clock
 * and the development routes from a `service` (launcher, simulator). Refusals answer the fault
 * catalogue's HTTP status with `{ error: code }` (401 no valid token, 403 a signer that may not say
 * it); unexpected failures go to the host's generic 500.
 */
import { AppFault, isAppFault, parsedInput } from "@jg/errors";
import {
  ACCESS_PATH,
  accessRequestSchema,
  AUTHORIZE_PATH,
  authorizeRequestSchema,
  HOME_PLATFORM_SERVICE,
  messagesRoute,
  RELEASE_PATH,
  releaseRequestSchema,
} from "@jg/handoff";
import { authenticateService, isServiceCaller, TokenError, type KeyDirectory, type Role, type VerifiedService } from "@jg/identity";
import { clockRoutes, type HttpRequest, type HttpResponse, type Route } from "@jg/service-kit";
import type { Population } from "@jg/population";
import { z } from "zod";
import { phoneSchema } from "../accounts/registration.input";
import type { PlatformDeps } from "../deps";
import { DEV_AUDIT_PATH, platformAudit } from "../dev/audit";
import { seedPopulation } from "../dev/seed-population";
import { createAccessBatcher } from "./access.service";
import { authorizeHandling } from "./authorize.service";
import { homeBatchHandlers, homeInboxedHandlers, homeMessageHandlers } from "./message-handlers";
import { releaseOrVoid } from "./settle.service";

export interface InternalRouteOptions {
  /** The key directory every caller is verified against. */
  directory: KeyDirectory;
  /** This service's name (the tokens' audience); default HOME_PLATFORM_SERVICE. */
  audience?: string;
  /** Production mode: the development seeding route is not mounted. Default false. */
  production?: boolean;
}

/** Path of the development seeding route (not mounted in production). */
export const DEV_SEED_PATH = "/internal/dev/seed";

/**
 * Path of the development SMS read-back (GET `?phone=…`, service token; mounted only with the development
 * SMS adapter, never in production): the codes sent to a phone, newest first. It replaces the public
 * `developmentSmsCodes` query (issue #10 §2): the simulator and tests sign in through it.
 */
export const DEV_SMS_CODES_PATH = "/internal/dev/sms-codes";

/** The population's own validator decides; here only its shape is checked before it is trusted. */
const populationSchema = z.custom<Population>(
  (v) => typeof v === "object" && v !== null && ["accounts", "licences", "vehicles", "filings", "leases", "partners", "companies", "meta"].every((k) => k in v),
  "expected a population from @jg/population",
);

function fault(err: AppFault): HttpResponse {
  return { status: err.httpStatus, json: { error: err.code, message: err.message } };
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  return parsedInput(schema, body, { subject: "body" });
}

/** The internal routes: authorize, release, messages (inbox), access, and the clock (simulations). */
export function internalRoutes(deps: PlatformDeps, options: InternalRouteOptions): Route[] {
  const audience = options.audience ?? HOME_PLATFORM_SERVICE;
  const handlers = homeMessageHandlers(deps);
  const batchHandlers = homeBatchHandlers(deps);
  const inboxedHandlers = homeInboxedHandlers(deps);
  const checkAccessBatched = createAccessBatcher(deps.db);

  /** Authenticates the caller (one of `roles`), then runs `run`; faults become their HTTP answers. */
  const guarded =
    (roles: readonly Role[], run: (req: HttpRequest, caller: VerifiedService) => Promise<unknown>) =>
    async (req: HttpRequest): Promise<HttpResponse> => {
      let caller: VerifiedService;
      try {
        // The key directory remembers a verified token for a few seconds (@jg/identity, issue 11).
        caller = await authenticateService(req.headers, { directory: options.directory, audience, now: deps.clock.now() });
      } catch (err) {
        if (err instanceof TokenError) return fault(new AppFault("SERVICE_TOKEN_INVALID", { cause: err }));
        throw err;
      }
      if (!roles.some((r) => caller.signer.roles.includes(r))) return fault(new AppFault("FORBIDDEN"));
      try {
        return { status: 200, json: await run(req, caller) };
      } catch (err) {
        if (isAppFault(err)) return fault(err);
        throw err;
      }
    };

  /** The only province whose violations `caller` may speak about: its own shard's. */
  const mayAbout = (caller: VerifiedService, violationId: string): void => {
    if (!caller.signer.roles.includes("province") || caller.signer.province !== violationId.slice(0, 2)) throw new AppFault("FORBIDDEN");
  };

  // The clock is checked against the wall clock: moving a virtual clock far must not lock the mover out.
  const isService = (req: HttpRequest) => isServiceCaller(req.headers, { directory: options.directory, audience, roles: ["service"], now: new Date() });

  // Development only: load a synthetic population (@jg/population) for the start command and the
  // simulator, and let the simulator's invariant checker read the rows it audits.
  const devRoutes: Route[] = options.production
    ? []
    : [
        { method: "POST", path: DEV_SEED_PATH, handler: guarded(["service"], (req) => seedPopulation(deps.db, parseBody(populationSchema, req.body))) },
        { method: "GET", path: DEV_AUDIT_PATH, handler: guarded(["service"], () => platformAudit(deps.db)) },
        ...devSmsRoutes(deps, (run) => guarded(["service"], run)),
      ];

  return [
    // The platform's (and, in this process, shard 50's) clock: virtual in simulations (docs/design.md §5).
    ...clockRoutes(deps.clock, isService),
    ...devRoutes,
    {
      method: "POST",
      path: AUTHORIZE_PATH,
      handler: guarded(["province"], (req, caller) => {
        const body = parseBody(authorizeRequestSchema, req.body);
        mayAbout(caller, body.violation.id);
        if (body.violation.provinceCode !== body.violation.id.slice(0, 2)) throw new AppFault("FORBIDDEN");
        return authorizeHandling(deps, body);
      }),
    },
    {
      method: "POST",
      path: RELEASE_PATH,
      handler: guarded(["province"], async (req, caller) => {
        const body = parseBody(releaseRequestSchema, req.body);
        mayAbout(caller, body.violationId);
        const now = deps.clock.now();
        const outcome = await deps.db.transaction((tx) => releaseOrVoid(tx, body, now));
        return { released: true, outcome };
      }),
    },
    {
      method: "POST",
      path: ACCESS_PATH,
      handler: guarded(["province"], (req) => checkAccessBatched(parseBody(accessRequestSchema, req.body))),
    },
    wakingWebhooks(
      deps,
      messagesRoute({
        db: deps.db,
        clock: deps.clock,
        directory: options.directory,
        audience,
        handlers,
        batchHandlers,
        inboxedHandlers,
        onError: (err, message) => deps.log.error({ err, messageId: message.messageId }, "handoff message failed"),
        onBatchFallback: (err, size) => deps.log.warn({ err, size }, "handoff batch applied again message by message"),
      }),
    ),
  ];
}

/** The inbox route, telling the webhook relay after its transactions committed (they may have enqueued deliveries). */
function wakingWebhooks(deps: PlatformDeps, route: Route): Route {
  return {
    ...route,
    handler: async (req) => {
      const res = await route.handler(req);
      if (res.status < 300) deps.webhooksWritten?.();
      return res;
    },
  };
}

/** The development SMS read-back, when the development SMS adapter runs (see DEV_SMS_CODES_PATH). */
function devSmsRoutes(deps: PlatformDeps, guarded: (run: (req: HttpRequest) => Promise<unknown>) => Route["handler"]): Route[] {
  const { sms } = deps.citizen;
  if (!sms.development || !sms.sentTo) return [];
  const sentTo = sms.sentTo.bind(sms);
  return [
    {
      method: "GET",
      path: DEV_SMS_CODES_PATH,
      handler: guarded((req) => {
        const phone = parseBody(phoneSchema, req.query.get("phone") ?? "");
        const codes = sentTo(phone).map((m) => ({ phone: m.phone, code: m.code, purpose: m.purpose, sentAt: m.sentAt.toISOString() }));
        return Promise.resolve({ codes });
      }),
    },
  ];
}
