import { AppFault } from "@jg/errors";
import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { toGraphQLError } from "./errors";

/** A pino logger that keeps each line's level, code and message. */
function recordingLogger() {
  const lines: { level: number; code?: string; msg: string }[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
  return { logger, lines };
}

describe("toGraphQLError (one mapping for the province and platform subgraphs)", () => {
  it("keeps a fault's code and localises its message; logs server-side faults (HTTP 5xx) only", () => {
    const { logger, lines } = recordingLogger();
    const notFound = toGraphQLError(new AppFault("NOT_FOUND"), "zh", logger);
    expect(notFound.extensions.code).toBe("NOT_FOUND");
    expect(notFound.message).toBe("未找到该记录");
    expect(lines).toEqual([]);

    const unavailable = toGraphQLError(new AppFault("PROVINCE_UNAVAILABLE", { params: { province: "51" } }), "en", logger);
    expect(unavailable.extensions.code).toBe("PROVINCE_UNAVAILABLE");
    toGraphQLError(new AppFault("HOME_PLATFORM_UNAVAILABLE"), "en", logger);
    expect(lines.map((l) => [l.level, l.code, l.msg])).toEqual([
      [50, "PROVINCE_UNAVAILABLE", "request failed"],
      [50, "HOME_PLATFORM_UNAVAILABLE", "request failed"],
    ]);
  });

  it("maps an error carrying a catalogue code, passes a GraphQLError, hides anything else", () => {
    const { logger, lines } = recordingLogger();
    const coded = Object.assign(new Error("bad id"), { code: "INVALID_VIOLATION_ID" });
    expect(toGraphQLError(coded, "en", logger).extensions.code).toBe("INVALID_VIOLATION_ID");

    const passed = new GraphQLError("as is", { extensions: { code: "BAD_USER_INPUT" } });
    expect(toGraphQLError(passed, "en", logger)).toBe(passed);
    expect(lines).toEqual([]);

    const hidden = toGraphQLError(new Error("connection reset: secret-host:5432"), "en", logger);
    expect(hidden.extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(hidden.message).not.toContain("secret-host");
    expect(lines.map((l) => l.msg)).toEqual(["unexpected error"]);
  });
});
