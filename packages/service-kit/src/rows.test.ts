import { describe, expect, it } from "vitest";
import { rowsOf } from "./rows";

describe("rowsOf", () => {
  it("reads postgres.js's array and PGlite's { rows } alike", () => {
    expect(rowsOf<{ n: number }>([{ n: 1 }])).toEqual([{ n: 1 }]);
    expect(rowsOf<{ n: number }>({ rows: [{ n: 2 }] })).toEqual([{ n: 2 }]);
  });

  it("throws on any other shape instead of answering no rows", () => {
    expect(() => rowsOf({})).toThrow(TypeError);
    expect(() => rowsOf(null)).toThrow(TypeError);
  });
});
