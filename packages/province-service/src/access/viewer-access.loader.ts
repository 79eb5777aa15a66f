import DataLoader from "dataloader";
import { type ViewerAccess } from "./viewer-access";

/**
 * Per request: may this citizen see the violations of each plate? One HTTP call to the home platform
 * per batch of plates, whatever the number of violations being read.
 */
export function createViewerAccessLoader(access: ViewerAccess, accountId: string, at: Date): DataLoader<string, boolean> {
  return new DataLoader(async (plates) => {
    const allowed = await access.allowedPlates(accountId, plates, at);
    return plates.map((plate) => allowed[plate] === true);
  });
}
