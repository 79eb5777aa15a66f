/** The province router's memory of parsed subgraph fetch texts (issue 12): parsed once, bounded by size. */
import { print } from "graphql";
import { describe, expect, it } from "vitest";
import { PARSED_FETCH_MAX_CHARS, parsedFetch } from "./province-data-source";

describe("parsedFetch", () => {
  it("parses a fetch text once and hands the same document to every later fetch of it", () => {
    const text = 'query Q__province__1 { violation(id: "510100000001") { id } }';
    const first = parsedFetch(text);
    expect(print(first)).toContain("violation");
    expect(parsedFetch(text)).toBe(first);
  });

  it("keeps no text longer than its bound: a large literal is parsed every time", () => {
    const text = `query Big { violation(id: "${"x".repeat(PARSED_FETCH_MAX_CHARS)}") { id } }`;
    const first = parsedFetch(text);
    expect(parsedFetch(text)).not.toBe(first);
    expect(print(parsedFetch(text))).toContain("Big");
  });

  it("empties itself once its texts reach the total bound, and still answers", () => {
    const literal = "y".repeat(PARSED_FETCH_MAX_CHARS - 100);
    const early = `query Early { violation(id: "${literal}") { id } }`;
    const kept = parsedFetch(early);
    expect(parsedFetch(early)).toBe(kept);
    // 4 M characters of other distinct texts push the early one out.
    for (let i = 0; i < 300; i++) parsedFetch(`query Q${i} { violation(id: "${literal}") { id } }`);
    expect(parsedFetch(early)).not.toBe(kept);
  });
});
