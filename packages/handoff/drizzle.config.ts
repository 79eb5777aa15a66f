/**
 * drizzle-kit config for the handoff package's TEST schema only (outbox, inbox and a notes table).
 * Services generate the outbox/inbox into their own migrations from their own schema.
 * Regenerate from the repository root: `npx drizzle-kit generate --config packages/handoff/drizzle.config.ts`.
 */
export default {
  dialect: "postgresql",
  schema: "./packages/handoff/test/schema.ts",
  out: "./packages/handoff/test/migrations",
};
