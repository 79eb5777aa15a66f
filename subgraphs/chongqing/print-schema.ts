/**
 * Prints the platform subgraph SDL into subgraphs/chongqing/schema.graphql (committed; the test
 * test/schema-drift.test.ts fails when it differs from what the code generates). Kept at the package
 * root rather than scripts/ because the root tsconfig and eslint project include `subgraphs/*\/*.ts`.
 *   npx tsx subgraphs/chongqing/print-schema.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printPlatformSchema } from "./src/schema";

const target = fileURLToPath(new URL("./schema.graphql", import.meta.url));
writeFileSync(target, await printPlatformSchema());
console.log(`wrote ${target}`);
