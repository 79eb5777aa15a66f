/**
 * The schema-change guard (issue #14), run by .ci/run: the composed API schema of this commit
 * (gateway/supergraph.graphql at HEAD) against the previous commit's. A breaking change (a field, type,
 * argument or enum value removed, a type changed, an argument made required, …: graphql-inspector's
 * BREAKING criticality) fails CI unless the same commit adds a line to CHANGELOG.md that names the
 * changed schema coordinate (e.g. `Query.developmentSmsCodes`). Dangerous and safe changes pass.
 * Without a previous commit (the first one, or a shallow clone) there is nothing to compare: it says so
 * and passes.
 *
 * `decide` is the decision alone (unit-tested in schema-guard.test.ts); the rest reads git.
 */
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { CriticalityLevel, diff } from "@graphql-inspector/core";
import { apiSchemaSdl } from "@jg/gateway";
import { buildSchema } from "graphql";

export interface BreakingChange {
  /** The schema coordinate, e.g. `Violation.fineYuan` or `Query.violation.id`. */
  coordinate: string;
  message: string;
}

export interface Decision {
  ok: boolean;
  breaking: BreakingChange[];
  /** The breaking changes no added changelog line names. */
  undocumented: BreakingChange[];
}

/** Compares two API schemas (SDL); `changelogAdded` is the text of the lines the commit adds to CHANGELOG.md. */
export async function decide(previousApiSdl: string, currentApiSdl: string, changelogAdded: string): Promise<Decision> {
  const changes = await diff(buildSchema(previousApiSdl), buildSchema(currentApiSdl));
  const breaking = changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => ({ coordinate: c.path ?? "(schema)", message: c.message }));
  const lines = changelogAdded.split("\n");
  // A line names an argument's change by the argument (`Query.me.token`) or by its field (`Query.me`).
  const names = (coordinate: string) => [coordinate, coordinate.split(".").slice(0, 2).join(".")];
  const named = (coordinate: string) => lines.some((line) => names(coordinate).some((n) => new RegExp(`(^|[^\\w.])${n.replace(/\./g, "\\.")}($|[^\\w])`).test(line)));
  const undocumented = breaking.filter((b) => !named(b.coordinate));
  return { ok: undocumented.length === 0, breaking, undocumented };
}

const SUPERGRAPH = "gateway/supergraph.graphql";
const git = (args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

async function main(): Promise<number> {
  let previous: string;
  try {
    git(["rev-parse", "--verify", "--quiet", "HEAD~1"]);
    previous = git(["show", `HEAD~1:${SUPERGRAPH}`]);
  } catch {
    console.log("schema guard: no previous commit with a supergraph here (first commit or shallow clone): nothing to compare");
    return 0;
  }
  const current = git(["show", `HEAD:${SUPERGRAPH}`]);
  let added = "";
  try {
    added = git(["diff", "HEAD~1", "HEAD", "--", "CHANGELOG.md"])
      .split("\n")
      .filter((l) => l.startsWith("+") && !l.startsWith("+++"))
      .map((l) => l.slice(1))
      .join("\n");
  } catch {
    // no changelog: every breaking change is undocumented
  }
  const decision = await decide(apiSchemaSdl(previous), apiSchemaSdl(current), added);
  if (decision.breaking.length === 0) {
    console.log("schema guard: no breaking change to the API schema");
    return 0;
  }
  for (const b of decision.breaking) console.log(`schema guard: breaking: ${b.coordinate}: ${b.message}${decision.undocumented.includes(b) ? "  ← not in CHANGELOG.md" : ""}`);
  if (decision.ok) {
    console.log("schema guard: every breaking change is named in this commit's CHANGELOG.md lines");
    return 0;
  }
  console.error("schema guard: breaking API changes need a CHANGELOG.md line in the same commit naming each coordinate above");
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(await main());
