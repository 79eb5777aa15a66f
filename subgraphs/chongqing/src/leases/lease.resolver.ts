/**
 * The rental partners' API (R-ELG-7): the gateway resolves `x-api-key` to a PARTNER identity and the
 * platform authorizes by it: leases for the partner's own fleet only.
 */
import { AppFault } from "@jg/errors";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { idSchema, nameSchema, parseInput, personIdSchema } from "../accounts/registration.input";
import type { PlatformContext } from "../context";
import { requirePartner } from "../partners/require-partner";
import { cancelLease, fleetOf, writeLease } from "./lease.service";
import { FleetVehicle, Lease, toFleetVehicle, toLease, WriteLeaseInput } from "./lease.type";

const person = z.object({ idNumber: personIdSchema, name: nameSchema });
const leaseSchema = z
  .object({
    plate: z.string().trim().min(2).max(16),
    lesseeAccountId: idSchema.optional(),
    lesseeIdNumber: personIdSchema.optional(),
    lesseeName: nameSchema.optional(),
    temporaryDrivers: z.array(person).max(5),
    start: z.date(),
    end: z.date(),
    idempotencyKey: z.string().trim().min(8).max(128),
  })
  .refine((v) => (v.lesseeAccountId ? !v.lesseeIdNumber : Boolean(v.lesseeIdNumber && v.lesseeName)), {
    message: "give lesseeAccountId, or lesseeIdNumber with lesseeName",
    path: ["lessee"],
  })
  .refine((v) => new Set(v.temporaryDrivers.map((d) => d.idNumber)).size === v.temporaryDrivers.length, {
    message: "temporary drivers must differ",
    path: ["temporaryDrivers"],
  });

const undef = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

@Resolver()
export class LeaseResolver {
  @Mutation(() => Lease, { description: "R-ELG-7: writes a lease for a vehicle of the partner's fleet. Idempotent on idempotencyKey." })
  async writeLease(@Arg("input", () => WriteLeaseInput) input: WriteLeaseInput, @Ctx() ctx: PlatformContext): Promise<Lease> {
    const partner = await requirePartner(ctx);
    const v = parseInput(leaseSchema, {
      ...input,
      lesseeAccountId: undef(input.lesseeAccountId),
      lesseeIdNumber: undef(input.lesseeIdNumber),
      lesseeName: undef(input.lesseeName),
      temporaryDrivers: input.temporaryDrivers.map((d) => ({ ...d })),
    });
    let lessee = { idNumber: v.lesseeIdNumber ?? "", name: v.lesseeName ?? "" };
    if (v.lesseeAccountId) {
      const account = await ctx.loaders.account.load(v.lesseeAccountId);
      if (!account) throw new AppFault("BAD_USER_INPUT", { params: { reason: "no such lessee account" } });
      lessee = { idNumber: account.idNumber, name: account.name };
    }
    if (v.temporaryDrivers.some((d) => d.idNumber === lessee.idNumber)) {
      throw new AppFault("BAD_USER_INPUT", { params: { reason: "the lessee is not also a temporary driver" } });
    }
    const written = await writeLease(
      ctx.deps,
      partner,
      { plate: v.plate, lessee, drivers: v.temporaryDrivers, start: v.start, end: v.end, idempotencyKey: v.idempotencyKey },
      ctx.now,
    );
    return toLease(written.lease, written.drivers);
  }

  @Mutation(() => Boolean, { description: "Cancels a lease of the partner that has not started. Idempotent." })
  async cancelLease(@Arg("id", () => ID) id: string, @Ctx() ctx: PlatformContext): Promise<boolean> {
    const partner = await requirePartner(ctx);
    return cancelLease(ctx.deps, partner, parseInput(idSchema, id), ctx.now);
  }

  @Query(() => [FleetVehicle], { description: "The partner's fleet (company vehicles under its credit code) and their leases." })
  async partnerFleet(@Ctx() ctx: PlatformContext): Promise<FleetVehicle[]> {
    const partner = await requirePartner(ctx);
    const fleet = await fleetOf(ctx.deps, partner);
    return fleet.map((f) => toFleetVehicle(f.vehicle, f.leases.map((l) => toLease(l.lease, l.drivers))));
  }
}
