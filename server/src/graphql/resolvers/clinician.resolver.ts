import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { CreateClinicianInput, UpdateClinicianInput } from "../types/clinician.input.js";
import { Clinician } from "../types/clinician.type.js";

@Resolver(() => Clinician)
export class ClinicianResolver {
  @Query(() => [Clinician], { description: "Every clinician of the practice, by name." })
  @Authorized(Permission.ReadClinicians)
  clinicians(@Ctx() ctx: GraphQLContext): Promise<Clinician[]> {
    return ctx.services.clinicians.list(requireActor(ctx));
  }

  @Mutation(() => Clinician, { description: "Adds a clinician; the NPI must carry a valid check digit." })
  @Authorized(Permission.ManageClinicians)
  createClinician(@Arg("input", () => CreateClinicianInput) input: CreateClinicianInput, @Ctx() ctx: GraphQLContext): Promise<Clinician> {
    return ctx.services.clinicians.create(requireActor(ctx), input, ctx);
  }

  @Mutation(() => Clinician, { description: "Links a clinician to the practice member who signs in as them (null unlinks); linked leaders and supervisors alone sign their sessions' notes." })
  @Authorized(Permission.ManageMembers)
  linkClinicianUser(
    @Arg("clinicianId", () => ID, { description: "The clinician." }) clinicianId: string,
    @Arg("userId", () => ID, { nullable: true, description: "A member of the practice; null removes the link." }) userId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Clinician> {
    return ctx.services.clinicians.linkUser(requireActor(ctx), clinicianId, userId ?? null, ctx);
  }

  @Mutation(() => Clinician, { description: "Changes a clinician's names, credential, license or taxonomy (not the NPI)." })
  @Authorized(Permission.ManageClinicians)
  updateClinician(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateClinicianInput) input: UpdateClinicianInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Clinician> {
    return ctx.services.clinicians.update(requireActor(ctx), id, input, ctx);
  }
}
