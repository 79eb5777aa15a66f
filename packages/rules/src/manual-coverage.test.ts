import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PENDING_SERVICE_RULES } from "./pending-service-rules";

/**
 * Every rule of shared/MANUAL.md is cited by at least one test somewhere in the repository, or is on
 * the explicit list of rules awaiting a service (pending-service-rules.ts). A citation is the rule ID
 * anywhere in a `*.test.ts` file; `R-ELG-1e` cites R-ELG-1. This file and the pending list do not count.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const manualPath = join(repoRoot, "..", "shared", "MANUAL.md");
const thisFile = fileURLToPath(import.meta.url);
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", ".data"]);
const CITATION = /R-[A-Z]+-\d+[A-Z]?/g;

function definedRuleIds(manual: string): string[] {
  return [...manual.matchAll(/\*\*(R-[A-Z]+-\d+[A-Z]?)\*\*/g)].map((match) => match[1] as string);
}

function testFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...testFiles(join(directory, entry.name)));
    } else if (entry.name.endsWith(".test.ts")) {
      const path = join(directory, entry.name);
      if (path !== thisFile) files.push(path);
    }
  }
  return files;
}

/** Rule ID → repository-relative paths of the test files citing it. */
function citations(): Map<string, string[]> {
  const cited = new Map<string, string[]>();
  for (const file of testFiles(repoRoot)) {
    const path = relative(repoRoot, file).split(sep).join("/");
    for (const id of new Set(readFileSync(file, "utf8").match(CITATION) ?? [])) {
      cited.set(id, [...(cited.get(id) ?? []), path]);
    }
  }
  return cited;
}

const manual = readFileSync(manualPath, "utf8");
const ruleIds = definedRuleIds(manual);
const cited = citations();
const pendingIds = PENDING_SERVICE_RULES.map((entry) => entry.id);

describe("MANUAL.md coverage", () => {
  it("reads the rule catalogue (sanity: the manual defines its rules in bold)", () => {
    expect(ruleIds.length).toBeGreaterThanOrEqual(20);
    expect(ruleIds).toContain("R-ELG-6");
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it("every rule of the manual is cited by a test, or awaits a listed service", () => {
    const uncited = ruleIds.filter((id) => !cited.has(id) && !pendingIds.includes(id));
    expect(uncited, `rules cited by no test and not pending: ${uncited.join(", ")}`).toEqual([]);
  });

  it("every pending rule exists in the manual, once, with a reason and an issue", () => {
    const unknown = pendingIds.filter((id) => !ruleIds.includes(id));
    expect(unknown, `pending rules not in MANUAL.md: ${unknown.join(", ")}`).toEqual([]);
    expect(new Set(pendingIds).size).toBe(pendingIds.length);
    for (const entry of PENDING_SERVICE_RULES) {
      expect(entry.reason.length, entry.id).toBeGreaterThan(20);
      expect([3, 4, 5, 6], entry.id).toContain(entry.issue);
    }
  });

  it("no pending rule is already cited by a test of the service it awaits (then remove it from the list)", () => {
    const stale = PENDING_SERVICE_RULES.filter((entry) =>
      (cited.get(entry.id) ?? []).some((path) => path.startsWith(`${entry.awaits}/`)),
    ).map((entry) => `${entry.id} (cited in ${entry.awaits})`);
    expect(stale, `pending rules now covered by their service: ${stale.join(", ")}`).toEqual([]);
  });
});
