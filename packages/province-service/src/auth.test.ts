import { type Identity } from "@jg/identity";
import { describe, expect, it } from "vitest";
import { requireCitizen, requirePayer, requireReader, requireRecorder } from "./auth";

const camera: Identity = { kind: "CAMERA", systemId: "c1", provinceCode: "51" };
const officer: Identity = { kind: "OFFICER", officerId: "o1", provinceCode: "51" };
const citizen: Identity = { kind: "CITIZEN", accountId: "a1" };
const bank: Identity = { kind: "BANK", bankId: "b1" };
const partner: Identity = { kind: "PARTNER", partnerId: "p1", companyId: "co" };

function code(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe("who may record (docs/design.md §8)", () => {
  it.each([
    ["a camera of this province, camera source", camera, "51", "CAMERA", undefined],
    ["a camera of this province, on-site source", camera, "51", "ON_SITE", "FORBIDDEN"],
    ["a camera of another province", camera, "44", "CAMERA", "FORBIDDEN"],
    ["an officer of this province, on-site source", officer, "51", "ON_SITE", undefined],
    ["an officer of this province, camera source", officer, "51", "CAMERA", "FORBIDDEN"],
    ["a citizen", citizen, "51", "CAMERA", "FORBIDDEN"],
    ["nobody", null, "51", "CAMERA", "UNAUTHENTICATED"],
  ] as const)("%s → %s", (_what, who, province, source, expected) => {
    expect(code(() => requireRecorder(who, province, source))).toBe(expected);
  });
});

describe("who may read, handle and pay", () => {
  it("reads: any identity but a partner", () => {
    expect([camera, officer, citizen, bank].map((who) => code(() => requireReader(who)))).toEqual([undefined, undefined, undefined, undefined]);
    expect(code(() => requireReader(partner))).toBe("FORBIDDEN");
    expect(code(() => requireReader(null))).toBe("UNAUTHENTICATED");
  });

  it("handles: citizens only; pays: citizens and banks", () => {
    expect(requireCitizen(citizen)).toEqual({ accountId: "a1" });
    expect(code(() => requireCitizen(bank))).toBe("FORBIDDEN");
    expect(requirePayer(bank)).toMatchObject({ kind: "BANK", name: "BANK:b1" });
    expect(code(() => requirePayer(officer))).toBe("FORBIDDEN");
  });
});
