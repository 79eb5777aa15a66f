import { assertMayReadAccount } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { type Account, toAccount } from "./account.type";

/** `_entities` for Account: only the citizen themself may resolve their account. */
export async function resolveAccountReference(ref: { id: string }, ctx: PlatformContext): Promise<Account | null> {
  assertMayReadAccount(ctx, String(ref.id));
  const row = await ctx.loaders.account.load(String(ref.id));
  return row ? toAccount(row) : null;
}
