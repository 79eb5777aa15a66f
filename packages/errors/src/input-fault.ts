/**
 * The one way an invalid input becomes BAD_USER_INPUT (issue #15): a reason in words, or the issues a
 * schema check (zod) found, each as `path: message`. Every service, route and client refuses input
 * through these two functions, so the reason reads the same wherever it is raised.
 */
import { AppFault } from "./app-fault";

/** One issue of a schema check; zod's issues fit. */
interface InputIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** BAD_USER_INPUT with `reason` as the message's placeholder and in `details`. */
export function badUserInput(reason: string, cause?: unknown): AppFault {
  return new AppFault("BAD_USER_INPUT", { params: { reason }, details: { reason }, ...(cause === undefined ? {} : { cause }) });
}

/** What a schema's `safeParse` answers (zod's fits). */
type SafeParsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly InputIssue[] } };

/**
 * `value` as `schema` parses it, or BAD_USER_INPUT naming every issue (`path: message`, the whole value
 * called `subject`), after `context` when given (e.g. "province override 51").
 */
export function parsedInput<T>(
  schema: { safeParse(value: unknown): SafeParsed<T> },
  value: unknown,
  options: { subject?: string; context?: string } = {},
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const subject = options.subject ?? "input";
  const issues = parsed.error.issues.map((i) => `${i.path.map(String).join(".") || subject}: ${i.message}`).join("; ") || `${subject}: invalid`;
  throw badUserInput(options.context ? `${options.context}: ${issues}` : issues, parsed.error);
}
