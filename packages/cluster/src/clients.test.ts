import { KeyDirectory, verifyServiceToken } from "@jg/identity";
import { describe, expect, it } from "vitest";
import { heldLauncherToken } from "./clients";
import { generateSystemKeys } from "./secrets";

describe("the launcher's service tokens (issue 12)", () => {
  const keys = generateSystemKeys(["51"]);
  const directory = new KeyDirectory(keys.directory);
  const t0 = new Date("2026-03-01T08:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("signs one token per audience and reuses it for half its lifetime, then signs a new one", async () => {
    const first = await heldLauncherToken("province-51", keys, t0);
    expect(await heldLauncherToken("province-51", keys, at(29_999))).toBe(first);
    const other = await heldLauncherToken("home-platform", keys, at(1000));
    expect(other).not.toBe(first);
    expect((await verifyServiceToken(other, { directory, audience: "home-platform", now: at(1000) })).service).toBe("launcher");
    const renewed = await heldLauncherToken("province-51", keys, at(30_000));
    expect(renewed).not.toBe(first);
    expect((await verifyServiceToken(renewed, { directory, audience: "province-51", now: at(60_000) })).service).toBe("launcher");
  });

  it("signs afresh when the clock is before the held token's signing (a virtual clock moved back)", async () => {
    const held = await heldLauncherToken("province-51", keys, at(600_000));
    const earlier = await heldLauncherToken("province-51", keys, at(500_000));
    expect(earlier).not.toBe(held);
    expect((await verifyServiceToken(earlier, { directory, audience: "province-51", now: at(500_000) })).service).toBe("launcher");
  });
});
