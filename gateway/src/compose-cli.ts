/**
 * `pnpm compose`: writes gateway/supergraph.graphql from the committed subgraph SDLs.
 * `pnpm compose --check`: writes nothing; exits 1 when composition fails or the committed file is stale
 * (CI runs this).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { composeCommitted, REPO_ROOT, SUPERGRAPH_FILE } from "./compose";

const check = process.argv.includes("--check");
const target = `${REPO_ROOT}${SUPERGRAPH_FILE}`;
const result = composeCommitted();
if (!result.ok) {
  console.error(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join("\n")}`);
  process.exit(1);
}
if (check) {
  const committed = existsSync(target) ? readFileSync(target, "utf8") : "";
  if (committed !== result.supergraph) {
    console.error(`${SUPERGRAPH_FILE} is stale: run \`pnpm compose\` and commit the result`);
    process.exit(1);
  }
  console.log(`${SUPERGRAPH_FILE} is up to date`);
} else {
  writeFileSync(target, result.supergraph);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
}
