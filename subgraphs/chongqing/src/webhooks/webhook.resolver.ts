/**
 * The rental partners' webhook API (issue 18), with the partner's API key (a PARTNER identity from
 * the edge): register, list, enable/disable, rotate the secret, read the delivery log, replay.
 */
import { AppFault } from "@jg/errors";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { z } from "zod";
import { idSchema, parseInput } from "../accounts/registration.input";
import type { PlatformContext } from "../context";
import { requirePartner } from "../partners/require-partner";
import { listDeliveries, replayDelivery } from "./delivery.service";
import { listEndpoints, registerEndpoint, rotateSecret, setEndpointEnabled } from "./endpoint.service";
import { refuseEndpointUrl } from "./endpoint-url";
import { refuseResolvedHost } from "./public-address";
import {
  RegisterWebhookEndpointInput,
  toAttempt,
  toDelivery,
  toEndpoint,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventType,
} from "./webhook.type";

const keySchema = z.string().trim().min(8).max(128);
const eventSchema = z.enum(Object.values(WebhookEventType) as [WebhookEventType, ...WebhookEventType[]]);
const registerSchema = z.object({
  url: z.string().trim().min(1).max(2048),
  events: z.array(eventSchema).min(1).max(4),
  description: z.string().trim().max(200).nullable(),
  idempotencyKey: keySchema,
});

const withSecret = (r: { endpoint: Parameters<typeof toEndpoint>[0]; secret: string }) =>
  Object.assign(new WebhookEndpointWithSecret(), { endpoint: toEndpoint(r.endpoint), signingSecret: r.secret });

@Resolver(() => WebhookDelivery)
export class WebhookResolver {
  @Mutation(() => WebhookEndpointWithSecret, {
    description: "Registers a webhook endpoint of the calling partner for the events given. Idempotent on idempotencyKey; answers the signing secret.",
  })
  async registerWebhookEndpoint(@Arg("input", () => RegisterWebhookEndpointInput) input: RegisterWebhookEndpointInput, @Ctx() ctx: PlatformContext): Promise<WebhookEndpointWithSecret> {
    const partner = await requirePartner(ctx);
    const v = parseInput(registerSchema, { ...input, description: input.description ?? null });
    const production = ctx.deps.citizen.production;
    const refused = refuseEndpointUrl(v.url, production) ?? (production ? await refuseResolvedHost(new URL(v.url).hostname) : null);
    if (refused) throw new AppFault("BAD_USER_INPUT", { params: { reason: `url: ${refused}` } });
    return withSecret(await registerEndpoint(ctx.deps, partner, v, ctx.now));
  }

  @Query(() => [WebhookEndpoint], { description: "The calling partner's webhook endpoints." })
  async webhookEndpoints(@Ctx() ctx: PlatformContext): Promise<WebhookEndpoint[]> {
    const partner = await requirePartner(ctx);
    return (await listEndpoints(ctx.deps.db, partner)).map(toEndpoint);
  }

  @Mutation(() => WebhookEndpoint, { description: "Enables or disables one of the partner's endpoints. Idempotent." })
  async setWebhookEndpointEnabled(@Arg("id", () => ID) id: string, @Arg("enabled", () => Boolean) enabled: boolean, @Ctx() ctx: PlatformContext): Promise<WebhookEndpoint> {
    const partner = await requirePartner(ctx);
    return toEndpoint(await setEndpointEnabled(ctx.deps, partner, parseInput(idSchema, id), enabled, ctx.now));
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: "Rotates an endpoint's signing secret; the previous one keeps signing beside it for previousSecretValidHours. Idempotent on idempotencyKey.",
  })
  async rotateWebhookSecret(
    @Arg("id", () => ID) id: string,
    @Arg("idempotencyKey", () => String) idempotencyKey: string,
    @Arg("previousSecretValidHours", () => Int, { defaultValue: 24, description: "0 to 168; 0 drops the previous secret at once." }) previousSecretValidHours: number,
    @Ctx() ctx: PlatformContext,
  ): Promise<WebhookEndpointWithSecret> {
    const partner = await requirePartner(ctx);
    const v = parseInput(z.object({ id: idSchema, idempotencyKey: keySchema, previousValidHours: z.number().int().min(0).max(168) }), {
      id,
      idempotencyKey,
      previousValidHours: previousSecretValidHours,
    });
    return withSecret(await rotateSecret(ctx.deps, partner, v.id, v, ctx.now));
  }

  @Query(() => [WebhookDelivery], { description: "The calling partner's webhook deliveries, newest first, with their attempts." })
  async webhookDeliveries(
    @Ctx() ctx: PlatformContext,
    @Arg("endpointId", () => ID, { nullable: true }) endpointId?: string | null,
    @Arg("status", () => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus | null,
    @Arg("eventId", () => String, { nullable: true }) eventId?: string | null,
    @Arg("first", () => Int, { defaultValue: 50, description: "1 to 200." }) first = 50,
    @Arg("before", () => String, { nullable: true, description: "A delivery's cursor: only older ones." }) before?: string | null,
  ): Promise<WebhookDelivery[]> {
    const partner = await requirePartner(ctx);
    const v = parseInput(
      z.object({ endpointId: idSchema.optional(), eventId: z.string().trim().max(128).optional(), first: z.number().int().min(1).max(200), before: z.coerce.number().int().positive().optional() }),
      { endpointId: endpointId ?? undefined, eventId: eventId ?? undefined, first, before: before ?? undefined },
    );
    const rows = await listDeliveries(ctx.deps.db, partner, { ...v, ...(status ? { status } : {}) });
    return rows.map(toDelivery);
  }

  @Mutation(() => WebhookDelivery, { description: "Sends a delivery again now, with the same event ID. Idempotent while it waits." })
  async replayWebhookDelivery(@Arg("id", () => ID) id: string, @Ctx() ctx: PlatformContext): Promise<WebhookDelivery> {
    const partner = await requirePartner(ctx);
    const v = parseInput(z.string().uuid(), id);
    return toDelivery(await replayDelivery(ctx.deps, partner, v, ctx.now));
  }

  @FieldResolver(() => [WebhookAttempt], { description: "Every attempt, oldest first." })
  async attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: PlatformContext): Promise<WebhookAttempt[]> {
    return (await ctx.loaders.webhookAttempts.load(delivery.id)).map(toAttempt);
  }
}
