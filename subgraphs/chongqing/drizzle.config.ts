/**
 * drizzle-kit configuration of the platform database. Run from the repository root:
 *   npx drizzle-kit generate --config subgraphs/chongqing/drizzle.config.ts
 * Migrations are committed and applied at startup (src/db/database.ts).
 */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./subgraphs/chongqing/src/db/schema/index.ts",
  out: "./subgraphs/chongqing/drizzle",
});
