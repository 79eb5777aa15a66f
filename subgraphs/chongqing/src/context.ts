/**
 * The per-request context: the verified identity (only from the gateway-signed `x-jg-identity`
 * header, docs/design.md §8), the language, the request's instant, and DataLoaders created per request so no
 * cached row crosses users (graphql/dataloader).
 */
import { languageOf, type Lang } from "@jg/errors";
import { isComposer, OPERATION_HEADER, readCarriedIdentity, type Identity, type KeyDirectory } from "@jg/identity";
import type { HttpRequest } from "@jg/service-kit";
import type DataLoader from "dataloader";
import { GraphQLError } from "graphql";
import { createAccountLoader, createViewerLoader } from "./accounts/account.loader";
import { operationKeyOf, operationViewersOf } from "./accounts/operation-viewers";
import type { Viewer } from "./accounts/viewer.store";
import type { AccountRow, FilingRow, LicenceRow, PartnerRow, VehicleRow, ViolationIndexRow, WebhookAttemptRow } from "./db/schema";
import type { PlatformDeps } from "./deps";
import { createFilingsByAccountLoader } from "./filings/filing.loader";
import type { LedgerTotals } from "./licences/ledger.store";
import { createLedgerLoader, createLicenceByHolderLoader } from "./licences/licence.loader";
import { createPartnerLoader } from "./partners/partner.loader";
import type { Person, VehicleAccessRow } from "./vehicles/vehicle-access";
import { createAccessLoader, createVehicleLoader } from "./vehicles/vehicle.loader";
import { createViolationsByPlateLoader } from "./violations/violation-index.loader";
import { createAttemptsLoader } from "./webhooks/delivery.service";

interface PlatformLoaders {
  account: DataLoader<string, AccountRow | null>;
  /** The citizen with licence, ledger, relations and vehicles in one statement; primes the loaders below. */
  viewer: DataLoader<string, Viewer | null>;
  licenceByHolder: DataLoader<string, LicenceRow | null>;
  ledger: DataLoader<LicenceRow, LedgerTotals, string>;
  vehicle: DataLoader<string, VehicleRow | null>;
  access: DataLoader<Person, VehicleAccessRow[], string>;
  filingsByAccount: DataLoader<string, FilingRow[]>;
  violationsByPlate: DataLoader<string, ViolationIndexRow[]>;
  partner: DataLoader<string, PartnerRow | null>;
  /** A webhook delivery's attempts, oldest first (the partner's delivery log). */
  webhookAttempts: DataLoader<string, WebhookAttemptRow[]>;
}

export interface PlatformContext {
  identity: Identity | null;
  /** The request carries the composer's credential: it alone may ask `_service` and introspection (issue 10 §4). */
  composer: boolean;
  lang: Lang;
  /**
   * The gateway's key of the client query this request belongs to (`x-jg-operation`), by which it
   * shares the viewer with the operation's other requests; cleared once the operation is known not to
   * be a query (accounts/operation-viewers.ts).
   */
  operationKey: string | undefined;
  /** The request's instant from the injected clock: one "now" for every field of the request. */
  now: Date;
  deps: PlatformDeps;
  loaders: PlatformLoaders;
}

/** Loaders for one request (`operation`: the request's operation key, read when the viewer is). */
function createLoaders(deps: PlatformDeps, now: Date, operation: () => string | undefined): PlatformLoaders {
  const { db } = deps;
  const licenceByHolder = createLicenceByHolderLoader(db);
  const loaders: PlatformLoaders = {
    account: createAccountLoader(db, licenceByHolder),
    viewer: createViewerLoader(db, now, () => loaders, operationViewersOf(deps), operation),
    licenceByHolder,
    ledger: createLedgerLoader(db, now),
    vehicle: createVehicleLoader(db),
    access: createAccessLoader(db),
    filingsByAccount: createFilingsByAccountLoader(db),
    violationsByPlate: createViolationsByPlateLoader(db),
    partner: createPartnerLoader(db),
    webhookAttempts: createAttemptsLoader(db),
  };
  return loaders;
}

/**
 * Builds a request's context. The identity header must come from an edge of the key directory (an
 * anonymous client's is the edge's signed ANONYMOUS identity, read as `null`); a missing or invalid
 * one is refused (UNAUTHENTICATED), never read as anonymous (issue 10 §4).
 */
export async function createContext(deps: PlatformDeps, directory: KeyDirectory, req: HttpRequest): Promise<PlatformContext> {
  const now = deps.clock.now();
  const composer = await isComposer(req.headers, directory, now);
  let identity: Identity | null = null;
  if (!composer) try {
    // The edge's header, or a fronting router's forwarded bearer token (issue 13, carried-identity.ts).
    const read = (await readCarriedIdentity(req.headers, directory, now)).identity;
    identity = read.kind === "ANONYMOUS" ? null : read;
  } catch (err) {
    deps.log.warn({ err }, "refused an invalid identity header");
    throw new GraphQLError("The identity header is not valid", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  }
  const header = req.headers["accept-language"];
  const context: PlatformContext = {
    identity,
    composer,
    lang: languageOf(Array.isArray(header) ? header[0] : header),
    operationKey: operationKeyOf(req.headers[OPERATION_HEADER]),
    now,
    deps,
    // Read when the viewer is loaded, after the operation is known (the plugin may have cleared it).
    loaders: createLoaders(deps, now, () => context.operationKey),
  };
  return context;
}
