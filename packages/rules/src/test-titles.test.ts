import { describe, expect, it } from "vitest";
import { citedRuleIds, definedRuleIds, parentRuleId } from "./rule-ids";
import { testTitles } from "./test-titles";

/**
 * The fixtures write made-up IDs as `Z-…` and turn them into `R-…` at run time, so that this file does
 * not itself cite IDs that docs/rules.md does not define (manual-coverage.test.ts reads every file).
 */
const asRuleIds = (text: string): string => text.replaceAll("Z-", "R-");

describe("testTitles: the titles that manual coverage counts", () => {
  it("reads describe/it/test titles, through modifiers and tables, and nothing else", () => {
    const source = asRuleIds(`
      // it("Z-X-1 in a comment")
      const fixture = "Z-X-2 in a string";
      describe("suite Z-A-1", () => {
        it("plain Z-A-2", () => expect(fixture, "Z-X-3 message").toBe(1));
        it.skip(\`template Z-A-3 \${fixture}\`, () => {});
        test.each([1, 2])("table Z-A-4 %s", () => {});
        it.skipIf(true)("conditional " + "Z-A-5", () => {});
        describe.concurrent.each([["x"]])("nested $0", () => {});
        helper("Z-X-4 not a test");
      });`);
    expect(testTitles(source)).toEqual(
      ["suite Z-A-1", "plain Z-A-2", "template Z-A-3  ", "table Z-A-4 %s", "conditional  Z-A-5", "nested $0"].map(asRuleIds),
    );
    expect(citedRuleIds(testTitles(source).join("\n"))).toEqual(["Z-A-1", "Z-A-2", "Z-A-3", "Z-A-4", "Z-A-5"].map(asRuleIds));
  });
});

describe("rule IDs", () => {
  it("are defined by a bold ID at the start of a list item, sub-items included", () => {
    const markdown = asRuleIds("- **Z-ELG-1** all of:\n  - **Z-ELG-1a** small car\n- **Z-ELG-3E** epidemic\nsee **Z-ELG-9** in prose");
    expect(definedRuleIds(markdown)).toEqual(["Z-ELG-1", "Z-ELG-1a", "Z-ELG-3E"].map(asRuleIds));
  });

  it("tell a sub-item (lower-case letter) from a variant rule (capital letter)", () => {
    expect(citedRuleIds(asRuleIds("Z-ELG-1e/f, Z-ELG-3E and Z-PAY-1."))).toEqual(["Z-ELG-1e", "Z-ELG-3E", "Z-PAY-1"].map(asRuleIds));
    expect(parentRuleId(asRuleIds("Z-ELG-1e"))).toBe(asRuleIds("Z-ELG-1"));
    expect(parentRuleId(asRuleIds("Z-ELG-3E"))).toBe(asRuleIds("Z-ELG-3E"));
  });
});
