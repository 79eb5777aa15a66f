/**
 * Citizens' feedback (R-FBK-1): a description and up to 3 screenshots (settings: src/adapters/
 * settings.ts) stored in the database with their SHA-256, in one transaction. Idempotent on the
 * client's key. Each citizen sees only their own; officers of province 50 set the status.
 */
import { randomUUID } from "node:crypto";
import { AppFault } from "@jg/errors";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { feedback, feedbackScreenshots, type FeedbackRow, type FeedbackStatus } from "../db/schema";
import type { PlatformDeps } from "../deps";
import type { CheckedScreenshot } from "./screenshot";

/** Screenshot facts without the bytes (what lists show). */
type ScreenshotInfo = { position: number; mime: string; size: number; sha256: string };
export type FeedbackWithShots = { row: FeedbackRow; screenshots: ScreenshotInfo[] };

async function withShots(deps: PlatformDeps, rows: FeedbackRow[]): Promise<FeedbackWithShots[]> {
  if (rows.length === 0) return [];
  const shots = await deps.db
    .select({ feedbackId: feedbackScreenshots.feedbackId, position: feedbackScreenshots.position, mime: feedbackScreenshots.mime, size: feedbackScreenshots.size, sha256: feedbackScreenshots.sha256 })
    .from(feedbackScreenshots)
    .where(inArray(feedbackScreenshots.feedbackId, rows.map((r) => r.id)))
    .orderBy(asc(feedbackScreenshots.position));
  return rows.map((row) => ({ row, screenshots: shots.filter((s) => s.feedbackId === row.id).map(({ feedbackId: _, ...info }) => info) }));
}

/** Stores a feedback with its checked screenshots; a retry with the same key answers the first. */
export async function submitFeedback(
  deps: PlatformDeps,
  accountId: string,
  input: { description: string; screenshots: CheckedScreenshot[]; idempotencyKey: string },
  now: Date,
): Promise<FeedbackWithShots> {
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(feedback)
      .values({ id: randomUUID(), accountId, description: input.description, idempotencyKey: input.idempotencyKey, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [first] = await tx.select().from(feedback).where(and(eq(feedback.accountId, accountId), eq(feedback.idempotencyKey, input.idempotencyKey)));
      return first!;
    }
    if (input.screenshots.length) {
      await tx.insert(feedbackScreenshots).values(input.screenshots.map((s, position) => ({ feedbackId: created.id, position, mime: s.mime, sha256: s.sha256, size: s.size, bytes: s.bytes })));
    }
    return created;
  });
  return (await withShots(deps, [row]))[0]!;
}

/** The account's feedback, newest first. */
export async function feedbackOf(deps: PlatformDeps, accountId: string): Promise<FeedbackWithShots[]> {
  const rows = await deps.db.select().from(feedback).where(eq(feedback.accountId, accountId)).orderBy(desc(feedback.createdAt));
  return withShots(deps, rows);
}

/** Feedback in a status, oldest first (officers). */
export async function feedbackInStatus(deps: PlatformDeps, status: FeedbackStatus, limit: number): Promise<FeedbackWithShots[]> {
  const rows = await deps.db.select().from(feedback).where(eq(feedback.status, status)).orderBy(asc(feedback.createdAt)).limit(limit);
  return withShots(deps, rows);
}

/** Sets a feedback's status (officers); NOT_FOUND for an unknown ID. Setting the same status is a no-op. */
export async function setFeedbackStatus(deps: PlatformDeps, id: string, status: FeedbackStatus, now: Date): Promise<FeedbackWithShots> {
  const [row] = await deps.db.update(feedback).set({ status, updatedAt: now }).where(eq(feedback.id, id)).returning();
  if (!row) throw new AppFault("NOT_FOUND");
  return (await withShots(deps, [row]))[0]!;
}
