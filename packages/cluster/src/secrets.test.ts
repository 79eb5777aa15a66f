import { KeyDirectory, serviceKeysFromEnv } from "@jg/identity";
import { describe, expect, it } from "vitest";
import { generateSystemKeys } from "./secrets";

describe("the launcher's keys per run (issue 10 §5)", () => {
  it("gives every service its own key and lists it with its roles; no two runs share a key", () => {
    const keys = generateSystemKeys(["51", "52"]);
    const directory = new KeyDirectory(keys.directory);
    expect(directory.services.sort()).toEqual(["gateway", "home-platform", "launcher", "province-50", "province-51", "province-52"]);
    expect(directory.entry("province-52")).toMatchObject({ roles: ["province"], province: "52" });
    expect(directory.entry("gateway")?.roles).toEqual(["edge", "composer"]);
    // Each service's SIGNING_KEY verifies as its own, not as another's.
    const env = { KEY_DIRECTORY: JSON.stringify(keys.directory), SIGNING_KEY: keys.privateKeys["province-51"] };
    expect(serviceKeysFromEnv("province-51", env).signer.service).toBe("province-51");
    expect(() => serviceKeysFromEnv("province-52", env)).toThrow();
    const again = generateSystemKeys(["51", "52"]);
    expect(again.privateKeys["province-51"]).not.toBe(keys.privateKeys["province-51"]);
    expect(again.codeSecret).not.toBe(keys.codeSecret);
    // The directory holds public keys only.
    expect(JSON.stringify(keys.directory)).not.toContain('"d":');
  });
});
