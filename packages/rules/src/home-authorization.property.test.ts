import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { homeInput, licence, licenceState } from "./arbitraries";
import { BLOCKING_LICENCE_STATES } from "./codes";
import { codesOf } from "./denial";
import { decideHomeAuthorization } from "./home-authorization";

describe("home authorization properties", () => {
  it("R-ELG-4 adding a blocking licence state never turns a denial into an approval, and always denies", () => {
    fc.assert(
      fc.property(homeInput, fc.constantFrom(...BLOCKING_LICENCE_STATES), (input, state) => {
        if (input.licence === null) return;
        const before = decideHomeAuthorization(input);
        const after = decideHomeAuthorization({ ...input, licence: { ...input.licence, states: [...input.licence.states, state] } });
        expect(after.ok).toBe(false);
        if (!before.ok) expect(codesOf(after)).toEqual(expect.arrayContaining(codesOf(before)));
      }),
    );
  });

  it("R-ELG-4 adding any licence state never removes a denial", () => {
    fc.assert(
      fc.property(homeInput, licenceState, (input, state) => {
        if (input.licence === null) return;
        const before = codesOf(decideHomeAuthorization(input));
        const after = codesOf(decideHomeAuthorization({ ...input, licence: { ...input.licence, states: [...input.licence.states, state] } }));
        expect(after).toEqual(expect.arrayContaining(before));
      }),
    );
  });

  it("R-ELG-6 more points on the licence never turn a denial into an approval", () => {
    fc.assert(
      fc.property(homeInput, fc.integer({ min: 1, max: 12 }), (input, extra) => {
        if (input.licence === null) return;
        const before = decideHomeAuthorization(input);
        const after = decideHomeAuthorization({ ...input, licence: { ...input.licence, points: input.licence.points + extra } });
        if (!before.ok) expect(after.ok).toBe(false);
      }),
    );
  });

  it("R-ELG-6 an otherwise eligible driver is approved exactly while the total stays below 12", () => {
    fc.assert(
      fc.property(homeInput, licence, (input, facts) => {
        const eligible = {
          ...input,
          licence: { ...facts, states: [], fullScoreCountInCycle: 0 },
          vehicle: { plateType: "02" as const, useNature: "A" as const, states: [], ownerKind: "PERSON" as const },
          relation: { kind: "OWNER" as const },
        };
        const total = facts.points + facts.reservedPoints + input.violation.points;
        expect(decideHomeAuthorization(eligible).ok).toBe(total < 12);
      }),
    );
  });

  it("R-ELG-1a no relation to the vehicle is always denied", () => {
    fc.assert(
      fc.property(homeInput, (input) => {
        expect(codesOf(decideHomeAuthorization({ ...input, relation: null }))).toContain("NOT_DRIVERS_VEHICLE");
      }),
    );
  });
});
