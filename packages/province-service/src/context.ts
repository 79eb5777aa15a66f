import { languageOf, type Lang } from "@jg/errors";
import { isComposer, readCarriedIdentity, type Identity } from "@jg/identity";
import { type HttpRequest } from "@jg/service-kit";
import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import { createViewerAccessLoader } from "./access/viewer-access.loader";
import { type ViewedViolation } from "./access/viewer-access";
import { createStatementCheck, type StatementCheck } from "./access/viewer-statement";
import { type HandlingRow, type PaymentRow, type ViolationRow } from "./db/schema";
import { createHandlingLoader } from "./handling/handling.loader";
import { createPaymentByHandlingLoader } from "./payment/payment.loader";
import { type ShardServices } from "./services";
import { createViolationLoader } from "./violation/violation.loader";

/** Per-request DataLoaders: created for each request so no cached row or access answer crosses callers. */
export interface ShardLoaders {
  violation: DataLoader<string, ViolationRow | null>;
  handling: DataLoader<string, HandlingRow | null>;
  paymentByHandling: DataLoader<string, PaymentRow | null>;
  /** May the calling citizen see a violation; null for any other caller (who sees every violation of the province). */
  viewer: ViewerChecks | null;
}

/** The two ways a citizen's access to a violation (plate, occurrence time) is decided. */
interface ViewerChecks {
  /** Asked of the home platform, batched per request. */
  access: DataLoader<ViewedViolation, boolean, string>;
  /** Read from the home platform's signed access statement in a representation (issue 11). */
  statement: StatementCheck;
}

/** What every resolver gets. */
export interface ShardContext {
  identity: Identity | null;
  /** The request carries the composer's credential: it alone may ask `_service` and introspection (issue 10 §4). */
  composer: boolean;
  lang: Lang;
  loaders: ShardLoaders;
  services: ShardServices;
}

/**
 * Builds a request's context: verifies the identity an edge of the key directory signed (never
 * trusting anything else), picks the language and creates the loaders. A request without an identity
 * header, or with an invalid one, is refused as UNAUTHENTICATED (issue 10 §4: an anonymous client
 * comes with the edge's signed ANONYMOUS identity, read here as `null`).
 */
export async function createContext(services: ShardServices, req: HttpRequest): Promise<ShardContext> {
  const now = services.clock.now();
  const { directory } = services.config.keys;
  const composer = await isComposer(req.headers, directory, now);
  let identity: Identity | null = null;
  if (!composer) try {
    // The edge's header, or a fronting router's forwarded bearer token (issue 13, carried-identity.ts).
    const read = (await readCarriedIdentity(req.headers, directory, now)).identity;
    identity = read.kind === "ANONYMOUS" ? null : read;
  } catch (cause) {
    services.logger.warn({ err: cause }, "refused an invalid identity header");
    throw new GraphQLError("The identity header is not valid", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
  const header = req.headers["accept-language"];
  const { db } = services;
  const citizen = identity?.kind === "CITIZEN" && services.config.checkViewerAccess ? identity.accountId : null;
  return {
    identity,
    composer,
    lang: languageOf(Array.isArray(header) ? header[0] : header),
    services,
    loaders: {
      violation: createViolationLoader(db, services.clock),
      handling: createHandlingLoader(db),
      paymentByHandling: createPaymentByHandlingLoader(db),
      viewer:
        citizen === null
          ? null
          : {
              access: createViewerAccessLoader(services.viewerAccess, citizen),
              statement: createStatementCheck(directory, now, citizen, (err) => services.logger.warn({ err }, "refused an access statement")),
            },
    },
  };
}
