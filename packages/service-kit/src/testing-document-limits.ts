/** A shared test suite: the document limits every subgraph applies (see {@link subgraphDocumentLimitTests}). */
import { expect, it } from "vitest";
import { SUBGRAPH_DOCUMENT_LIMITS } from "./document-measure";

/** What a subgraph answered to a POST of a document (for {@link subgraphDocumentLimitTests}). */
export interface PostedDocument {
  status: number;
  body: { errors?: Array<{ extensions?: Record<string, unknown> }> };
}

/**
 * The refusals every subgraph gives before validation (issue 10 §1, §4: service-kit's document guard
 * with the subgraph limits), as tests of the calling suite: one definition for the platform and the
 * province shard. `post` sends a document (and an operation name) as a signed officer.
 */
export function subgraphDocumentLimitTests(post: (query: string, operationName?: string) => Promise<PostedDocument>): void {
  const codeOf = (res: PostedDocument) => res.body.errors?.[0]?.extensions?.["code"];

  it("refuses 90 000 `__typename` selections while parsing (DOCUMENT_TOO_LARGE)", async () => {
    const res = await post(`{ ${"__typename ".repeat(90_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: "DOCUMENT_TOO_LARGE", limit: SUBGRAPH_DOCUMENT_LIMITS.maxTokens });
  });

  it("refuses a selection set wider than the limit before validation (TOO_MANY_SELECTIONS)", async () => {
    const res = await post(`{ ${"__typename ".repeat(SUBGRAPH_DOCUMENT_LIMITS.maxSelectionsPerSet + 1)}}`);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("TOO_MANY_SELECTIONS");
  });

  it("refuses 500 aliased `_service { sdl }` (a 5 MB answer on main), and 200 of them (TOO_MANY_ALIASES)", async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: _service { sdl }`).join(" ")} }`;
    const many = await post(aliased(500));
    expect(many.status).toBe(400);
    expect(codeOf(many)).toBe("TOO_MANY_SELECTIONS");
    const res = await post(aliased(200));
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("TOO_MANY_ALIASES");
  });

  it("answers an unknown operationName with UNKNOWN_OPERATION (400)", async () => {
    const res = await post(`query A { __typename }`, "B");
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("UNKNOWN_OPERATION");
  });
}
