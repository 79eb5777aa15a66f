import DataLoader from "dataloader";
import { type ViewedViolation, type ViewerAccess } from "./viewer-access";

/** The loader's cache key: one vehicle at one instant. */
const keyOf = (item: ViewedViolation) => `${item.plate}@${item.occurredAt.toISOString()}`;

/**
 * Per request: may this citizen see each violation? One HTTP call to the home platform per batch,
 * whatever the number of violations being read; two violations of one vehicle at one instant ask once.
 */
export function createViewerAccessLoader(access: ViewerAccess, accountId: string): DataLoader<ViewedViolation, boolean, string> {
  return new DataLoader((items) => access.allowed(accountId, items), { cacheKeyFn: keyOf });
}
