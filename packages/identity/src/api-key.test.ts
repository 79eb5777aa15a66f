import { describe, expect, it } from "vitest";
import { hashApiKey } from "./api-key";

describe("hashApiKey", () => {
  it("is the SHA-256 hex of the key's UTF-8 bytes (the FIPS 180-2 vector for \"abc\")", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashApiKey("abd")).not.toBe(hashApiKey("abc"));
  });
});
