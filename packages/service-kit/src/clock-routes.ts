/**
 * The shared virtual clock across processes (docs/design.md §5): in simulation mode every service runs a
 * {@link VirtualClock} and mounts these routes, and the simulator moves all of them together
 * ("to 21:59", "+2 h") without waiting in real time. Only callers that pass `authorize` (a service
 * token check) may move time; a production service runs the system clock and does not mount them.
 */
import { z } from "zod";
import { VirtualClock, type Clock } from "./clock";
import type { HttpRequest, Route } from "./http";

export const CLOCK_PATH = "/internal/clock";

const moveSchema = z.union([
  z.object({ set: z.iso.datetime({ offset: true }) }),
  z.object({ advanceMs: z.number().int().nonnegative() }),
]);

/** How a service's clock is chosen: the system clock, or a virtual one starting at `start`. */
export const clockConfigSchema = z
  .object({
    /** "system" (default) or "virtual" (simulation and tests; time moves only through CLOCK_PATH). */
    mode: z.enum(["system", "virtual"]).default("system"),
    /** Start instant of a virtual clock (ISO 8601). Default: the real time at start. */
    start: z.iso.datetime({ offset: true }).optional(),
    /** Whether a virtual clock ticks with real time between moves. Default true (latency still passes). */
    ticking: z.boolean().default(true),
  })
  .default({ mode: "system", ticking: true });
export type ClockConfig = z.infer<typeof clockConfigSchema>;

/** Builds the clock a config asks for. */
export function clockFromConfig(config: ClockConfig): Clock {
  if (config.mode === "system") return { now: () => new Date() };
  return new VirtualClock(config.start ?? Date.now(), config.ticking);
}

/**
 * GET returns the service's current time; POST `{ set: iso }` or `{ advanceMs }` moves a virtual
 * clock (409 for a system clock, 400 for a bad body). Both answer 403 when `authorize` refuses: like
 * every internal route, only service credentials (issue 10 §6). Hosts should check the credential's
 * times against the wall clock, not the virtual one it moves (a far move must not lock the mover out).
 */
export function clockRoutes(clock: Clock, authorize: (req: HttpRequest) => Promise<boolean>): Route[] {
  return [
    {
      method: "GET",
      path: CLOCK_PATH,
      handler: async (req) => {
        if (!(await authorize(req))) return { status: 403, json: { error: "forbidden" } };
        return { status: 200, json: { now: clock.now().toISOString() } };
      },
    },
    {
      method: "POST",
      path: CLOCK_PATH,
      handler: async (req) => {
        if (!(await authorize(req))) return { status: 403, json: { error: "forbidden" } };
        if (!(clock instanceof VirtualClock)) return { status: 409, json: { error: "this service runs the system clock" } };
        const move = moveSchema.safeParse(req.body);
        if (!move.success) return { status: 400, json: { error: "expected { set: ISO instant } or { advanceMs: integer >= 0 }" } };
        if ("set" in move.data) clock.set(move.data.set);
        else clock.advance(move.data.advanceMs);
        return { status: 200, json: { now: clock.now().toISOString() } };
      },
    },
  ];
}
