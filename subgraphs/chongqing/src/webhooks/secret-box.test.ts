import { describe, expect, it } from "vitest";
import { generateSigningSecret, openSecret, sealSecret } from "./secret-box";

describe("webhook signing secrets at rest (docs/design.md §11)", () => {
  it("are sealed: the stored text holds no trace of the secret, and only the platform's code secret opens it", () => {
    const secret = generateSigningSecret();
    const sealed = sealSecret("code-secret-a", secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 16));
    expect(openSecret("code-secret-a", sealed)).toBe(secret);
    expect(() => openSecret("code-secret-b", sealed)).toThrow();
  });

  it("refuse a sealed text changed at rest, and seal the same secret differently each time", () => {
    const secret = generateSigningSecret();
    const sealed = sealSecret("k", secret);
    expect(sealSecret("k", secret)).not.toBe(sealed);
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3]!, "base64url");
    data[0] = data[0]! ^ 1;
    expect(() => openSecret("k", [parts[0], parts[1], parts[2], data.toString("base64url")].join("."))).toThrow();
    expect(() => openSecret("k", "plain-text")).toThrow();
  });
});
