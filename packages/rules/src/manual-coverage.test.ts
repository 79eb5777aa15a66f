import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { citedRuleIds, definedRuleIds, parentRuleId } from "./rule-ids";
import { testTitles } from "./test-titles";

/**
 * The rule catalogue (docs/rules.md) and the repository agree both ways:
 * - every rule ID written anywhere in the code, tests, schemas or docs is defined in docs/rules.md;
 * - every rule defined there is named by the title of at least one test (a `describe`/`it`/`test`
 *   title, read with the TypeScript parser: comments, fixtures and assertion messages do not count).
 *   A sub-item's title (`R-ELG-1e`) names its parent rule (`R-ELG-1`) too.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const catalogue = readFileSync(join(repoRoot, "docs", "rules.md"), "utf8");
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", ".data"]);
const SCANNED = /\.(ts|mts|js|mjs|graphql|md|json|sql)$/;

function filesUnder(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...filesUnder(join(directory, entry.name)));
    } else if (SCANNED.test(entry.name)) {
      files.push(join(directory, entry.name));
    }
  }
  return files;
}

const pathOf = (file: string): string => relative(repoRoot, file).split(sep).join("/");
const files = filesUnder(repoRoot).filter((file) => pathOf(file) !== "docs/rules.md" && pathOf(file) !== "pnpm-lock.yaml");

/** Rule ID → files citing it, over `texts`. */
function index(texts: [path: string, text: string][]): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  for (const [path, text] of texts) {
    for (const id of citedRuleIds(text)) cited.set(id, [...(cited.get(id) ?? []), path]);
  }
  return cited;
}

const ruleIds = definedRuleIds(catalogue);
const citedAnywhere = index(files.map((file) => [pathOf(file), readFileSync(file, "utf8")]));
const citedByTitles = index(
  files
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => [pathOf(file), testTitles(readFileSync(file, "utf8"), file).join("\n")]),
);
for (const [id, paths] of [...citedByTitles]) {
  if (parentRuleId(id) !== id) citedByTitles.set(parentRuleId(id), [...(citedByTitles.get(parentRuleId(id)) ?? []), ...paths]);
}

describe("docs/rules.md coverage", () => {
  it("reads the rule catalogue (sanity: it defines its rules in bold, each once)", () => {
    expect(ruleIds.length).toBeGreaterThanOrEqual(30);
    expect(ruleIds).toContain("R-ELG-6");
    expect(ruleIds).toContain("R-ELG-1e");
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it("every rule ID cited in the repository is defined in docs/rules.md", () => {
    const undefinedIds = [...citedAnywhere]
      .filter(([id]) => !ruleIds.includes(id))
      .map(([id, paths]) => `${id} (${paths.join(", ")})`);
    expect(undefinedIds, `rule IDs not in docs/rules.md: ${undefinedIds.join("; ")}`).toEqual([]);
  });

  it("every rule of docs/rules.md is named by the title of a test", () => {
    const unnamed = ruleIds.filter((id) => !citedByTitles.has(id));
    expect(unnamed, `rules named by no test title: ${unnamed.join(", ")}`).toEqual([]);
  });
});
