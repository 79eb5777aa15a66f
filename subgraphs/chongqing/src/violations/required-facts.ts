/**
 * The violation facts `eligibility` requires (`@requires`, see violation.type.ts), checked one
 * representation at a time before the batched lookups (issue 13): the gateway passes them from the
 * occurrence province, but `_entities` is callable by any holder of a service identity, and a malformed
 * representation (a number for the plate, a date that is not one) used to reach the vehicles loader,
 * whose one statement then failed for every violation of the batch. A representation that is not
 * well-formed is now refused alone, with BAD_USER_INPUT naming the fact, at its own index.
 */
import { AppFault } from "@jg/errors";
import { z } from "zod";

const requiredFacts = z.object({
  plate: z.string().min(1).max(16),
  occurredAt: z.union([z.date(), z.string()]).refine((v) => !Number.isNaN(new Date(v).getTime()), "not a date-time"),
  points: z.number().int().min(0),
  fineYuan: z.number().int().min(0),
  source: z.enum(["CAMERA", "ON_SITE"]),
  status: z.enum(["UNHANDLED", "HANDLED_UNPAID", "PAID"]),
  warningOnly: z.boolean(),
  province: z.object({ code: z.string().regex(/^\d{2}$/), platformOpen: z.boolean() }),
});

/** The violation facts the gateway passes (see ELIGIBILITY_REQUIRES). */
type RequiredViolationFacts = z.infer<typeof requiredFacts>;

/** The representation's required facts, or BAD_USER_INPUT naming the first fact that is missing or malformed. */
export function requiredFactsOf(representation: unknown): RequiredViolationFacts {
  const parsed = requiredFacts.safeParse(representation);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String).join(".") || "representation";
  throw new AppFault("BAD_USER_INPUT", { params: { reason: `violation representation: ${path}: ${issue.message}` } });
}
