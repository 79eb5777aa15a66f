import { defineConfig } from "drizzle-kit";

// Generate from the repository root:
//   npx drizzle-kit generate --config packages/province-service/drizzle.config.ts
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/province-service/src/db/schema/index.ts",
  out: "./packages/province-service/drizzle",
});
