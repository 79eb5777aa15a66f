/**
 * The home platform's internal API (DESIGN §4), mounted on the service's HTTP host next to GraphQL but
 * not part of the public supergraph. Every route needs a service token addressed to the home platform
 * (`verifyServiceToken` via `authenticateService`). Refusals answer the fault catalogue's HTTP status
 * with `{ error: code }`; unexpected failures go to the host's generic 500.
 */
import { AppFault, isAppFault } from "@jg/errors";
import {
  ACCESS_PATH,
  accessRequestSchema,
  AUTHORIZE_PATH,
  authorizeRequestSchema,
  handleMessagesRequest,
  HOME_PLATFORM_SERVICE,
  MESSAGES_PATH,
  RELEASE_PATH,
  releaseRequestSchema,
} from "@jg/handoff";
import { authenticateService, TokenError } from "@jg/identity";
import { clockRoutes, serviceCallerCheck, type HttpRequest, type HttpResponse, type Route } from "@jg/service-kit";
import type { Population } from "@jg/population";
import { z } from "zod";
import type { PlatformDeps } from "../deps";
import { DEV_AUDIT_PATH, platformAudit } from "../dev/audit";
import { seedPopulation } from "../dev/seed-population";
import { createAccessBatcher } from "./access.service";
import { authorizeHandling } from "./authorize.service";
import { homeMessageHandlers } from "./message-handlers";
import { releaseHandling } from "./settle.service";

export interface InternalRouteOptions {
  /** Shared secret of service tokens. */
  serviceSecret: string;
  /** This service's name (the tokens' audience); default HOME_PLATFORM_SERVICE. */
  audience?: string;
  /** Production mode: the development seeding route is not mounted. Default false. */
  production?: boolean;
}

/** Path of the development seeding route (not mounted in production). */
export const DEV_SEED_PATH = "/internal/dev/seed";

/** The population's own validator decides; here only its shape is checked before it is trusted. */
const populationSchema = z.custom<Population>(
  (v) => typeof v === "object" && v !== null && ["accounts", "licences", "vehicles", "filings", "leases", "partners", "companies", "meta"].every((k) => k in v),
  "expected a population from @jg/population",
);

function fault(err: AppFault): HttpResponse {
  return { status: err.httpStatus, json: { error: err.code, message: err.message } };
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
    throw new AppFault("BAD_USER_INPUT", { params: { reason } });
  }
  return parsed.data;
}

/** The internal routes: authorize, release, messages (inbox), access, and the clock (simulations). */
export function internalRoutes(deps: PlatformDeps, options: InternalRouteOptions): Route[] {
  const audience = options.audience ?? HOME_PLATFORM_SERVICE;
  const handlers = homeMessageHandlers(deps);
  const checkAccessBatched = createAccessBatcher(deps.db);
  // A token that verified is taken again for a few seconds without its signature check (service-kit).
  const checkCaller = serviceCallerCheck((authorization, now) => authenticateService(authorization, { secret: options.serviceSecret, audience, now }), {
    now: () => deps.clock.now(),
  });

  /** Authenticates the caller, then runs `run`; faults become their HTTP answers. */
  const guarded =
    (run: (req: HttpRequest) => Promise<unknown>) =>
    async (req: HttpRequest): Promise<HttpResponse> => {
      try {
        await checkCaller(req.headers);
      } catch (err) {
        if (err instanceof TokenError) return fault(new AppFault("SERVICE_TOKEN_INVALID", { cause: err }));
        throw err;
      }
      try {
        return { status: 200, json: await run(req) };
      } catch (err) {
        if (isAppFault(err)) return fault(err);
        throw err;
      }
    };

  const isService = async (req: HttpRequest): Promise<boolean> => {
    try {
      await checkCaller(req.headers);
      return true;
    } catch (err) {
      if (err instanceof TokenError) return false;
      throw err;
    }
  };

  // Development only: load a synthetic population (@jg/population) for the start command and the
  // simulator, and let the simulator's invariant checker read the rows it audits.
  const devRoutes: Route[] = options.production
    ? []
    : [
        { method: "POST", path: DEV_SEED_PATH, handler: guarded((req) => seedPopulation(deps.db, parseBody(populationSchema, req.body))) },
        { method: "GET", path: DEV_AUDIT_PATH, handler: guarded(() => platformAudit(deps.db)) },
      ];

  return [
    // The platform's (and, in this process, shard 50's) clock: virtual in simulations (DESIGN.md §5).
    ...clockRoutes(deps.clock, isService),
    ...devRoutes,
    {
      method: "POST",
      path: AUTHORIZE_PATH,
      handler: guarded((req) => authorizeHandling(deps, parseBody(authorizeRequestSchema, req.body))),
    },
    {
      method: "POST",
      path: RELEASE_PATH,
      handler: guarded(async (req) => {
        const body = parseBody(releaseRequestSchema, req.body);
        const now = deps.clock.now();
        const outcome = await deps.db.transaction((tx) => releaseHandling(tx, body.handlingId, now, now, body.reason));
        return { released: true, outcome };
      }),
    },
    {
      method: "POST",
      path: ACCESS_PATH,
      handler: guarded((req) => checkAccessBatched(parseBody(accessRequestSchema, req.body))),
    },
    {
      method: "POST",
      path: MESSAGES_PATH,
      handler: async (req) => {
        const authHeader = req.headers.authorization;
        return handleMessagesRequest({
          db: deps.db,
          body: req.body,
          authHeader: Array.isArray(authHeader) ? authHeader[0] : authHeader,
          serviceSecret: options.serviceSecret,
          audience,
          handlers,
          now: deps.clock.now(),
          onError: (err, message) => deps.log.error({ err, messageId: message.messageId }, "handoff message failed"),
        });
      },
    },
  ];
}
