import { describe, expect, it } from "vitest";
import { Random } from "./random";

const draws = (r: Random, n: number) => Array.from({ length: n }, () => r.nextUint32());

describe("Random (mulberry32)", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    expect(draws(new Random(42), 20)).toEqual(draws(new Random(42), 20));
    expect(draws(new Random(42), 20)).not.toEqual(draws(new Random(43), 20));
  });

  it("matches the reference mulberry32 output for seed 0", () => {
    // First outputs of the public-domain reference implementation for seed 0.
    expect(draws(new Random(0), 3)).toEqual([1144304738, 1416247, 958946056]);
  });

  it("keeps int() inside its bounds and reaches both ends", () => {
    const r = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(-2, 3);
      expect(n).toBeGreaterThanOrEqual(-2);
      expect(n).toBeLessThanOrEqual(3);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([-1, -2, 0, 1, 2, 3]);
    expect(() => r.int(3, 2)).toThrow(RangeError);
  });

  it("never picks a zero-weight value and refuses weights that sum to zero", () => {
    const r = new Random(9);
    for (let i = 0; i < 500; i++) expect(r.weighted([["never", 0], ["always", 1]])).toBe("always");
    expect(() => r.weighted([["x", 0]])).toThrow(RangeError);
  });

  it("shuffles into a permutation of the input", () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const out = new Random(3).shuffle(input);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(out).not.toEqual(input);
  });

  it("forks streams that differ by label and are reproducible", () => {
    expect(draws(new Random(1).fork("a"), 5)).toEqual(draws(new Random(1).fork("a"), 5));
    expect(draws(new Random(1).fork("a"), 5)).not.toEqual(draws(new Random(1).fork("b"), 5));
  });
});
