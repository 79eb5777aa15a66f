import "reflect-metadata";
/**
 * Prints the province subgraph SDL (kept at the package root, not scripts/, so the root tsconfig and
 * eslint project include it) into packages/province-service/schema.graphql (committed; the test
 * test/schema-drift.test.ts fails when it differs from what the code generates).
 *   npx tsx packages/province-service/print-schema.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printProvinceSchema } from "./src/schema";

const target = fileURLToPath(new URL("./schema.graphql", import.meta.url));
writeFileSync(target, await printProvinceSchema());
console.log(`wrote ${target}`);
