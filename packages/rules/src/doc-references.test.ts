import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * References from code, tests and READMEs to the project's own documentation (`docs/design.md §3`,
 * `docs/domain-facts.md §5.2`) point at a document of the repository and at a section it has, so the
 * docs stay inside the repository (issue 17) and a renumbered section cannot leave citations dangling.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", ".data"]);
const REFERENCE = /\bdocs\/([a-z-]+\.md)(?: §(\d+(?:\.\d+)?))?/g;
/**
 * The names the documents had when they lived outside the repository, in a folder beside it. Built
 * from pieces so that this file does not match itself.
 */
const OUTSIDE = new RegExp(
  [String.raw`\.\./shared/`, ...["DESIGN", "MANUAL", "STYLE"].map((name) => String.raw`\b${name}\.md\b`), ["DOMAIN", "FACTS"].join("-")].join("|"),
);

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : filesUnder(path);
    return /\.(ts|mts|js|mjs|graphql|md|json)$/.test(entry.name) && entry.name !== "pnpm-lock.yaml" ? [path] : [];
  });
}

/** The section numbers a document's headings carry (`## 3. …`, `### 9.1 …`). */
function sectionsOf(document: string): Set<string> {
  return new Set([...document.matchAll(/^#{2,4} (\d+(?:\.\d+)?)\.? /gm)].map((match) => match[1] as string));
}

const files = filesUnder(repoRoot);
const references = files.flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(REFERENCE)].map((match) => ({
    from: relative(repoRoot, file).split(sep).join("/"),
    document: match[1] as string,
    section: match[2],
  })),
);

describe("references to docs/", () => {
  it("finds the references (sanity: code cites design and domain-facts sections)", () => {
    expect(references.some((ref) => ref.document === "design.md" && ref.section === "3")).toBe(true);
    expect(references.some((ref) => ref.document === "domain-facts.md" && ref.section === "5.2")).toBe(true);
  });

  it("every referenced document exists in docs/ and has the section cited", () => {
    const broken = references
      .filter((ref) => {
        const path = join(repoRoot, "docs", ref.document);
        if (!existsSync(path)) return true;
        return ref.section !== undefined && !sectionsOf(readFileSync(path, "utf8")).has(ref.section);
      })
      .map((ref) => `${ref.from} → docs/${ref.document}${ref.section ? ` §${ref.section}` : ""}`);
    expect([...new Set(broken)], `broken references: ${[...new Set(broken)].join("; ")}`).toEqual([]);
  });

  it("nothing refers to the documents that used to live outside the repository", () => {
    const outside = files
      .filter((file) => OUTSIDE.test(readFileSync(file, "utf8")))
      .map((file) => relative(repoRoot, file).split(sep).join("/"));
    expect(outside, `old references (use docs/…): ${outside.join(", ")}`).toEqual([]);
  });
});
