import { describe, expect, it } from "vitest";
import { decide } from "./schema-guard";

const BEFORE = `type Query { violation(id: ID!): Violation, me: Account }
type Violation { id: ID!, fineYuan: Int!, points: Int! }
type Account { id: ID!, name: String! }`;

describe("the schema-change guard's decision (issue #14)", () => {
  it("passes an additive change without a changelog line", async () => {
    const after = BEFORE.replace("points: Int! }", "points: Int!, plate: String }");
    expect(await decide(BEFORE, after, "")).toEqual({ ok: true, breaking: [], undocumented: [] });
  });

  it("fails a removed field unless an added changelog line names its coordinate", async () => {
    const after = BEFORE.replace(", points: Int! }", " }");
    const refused = await decide(BEFORE, after, "- Removed something else: Violation.fineYuan");
    expect(refused.ok).toBe(false);
    expect(refused.undocumented.map((b) => b.coordinate)).toEqual(["Violation.points"]);
    expect((await decide(BEFORE, after, "## 2026-12-05\n- Breaking: `Violation.points` removed; use the licence's points.")).ok).toBe(true);
  });

  it("fails a type change and a new required argument, naming each", async () => {
    const after = BEFORE.replace("fineYuan: Int!", "fineYuan: Float!").replace("me: Account", "me(token: String!): Account");
    const decision = await decide(BEFORE, after, "- Violation.fineYuan is a Float now");
    expect(decision.breaking.map((b) => b.coordinate).sort()).toEqual(["Query.me.token", "Violation.fineYuan"]);
    expect(decision.undocumented.map((b) => b.coordinate)).toEqual(["Query.me.token"]);
    // The argument's field names it too; a longer name that merely starts with it does not.
    expect((await decide(BEFORE, after, "- Violation.fineYuan is a Float\n- Query.meToo renamed")).ok).toBe(false);
    expect((await decide(BEFORE, after, "- Violation.fineYuan is a Float\n- `Query.me` needs a token")).ok).toBe(true);
  });
});
