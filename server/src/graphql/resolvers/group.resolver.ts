import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { Client } from "../types/client.type.js";
import { Clinician } from "../types/clinician.type.js";
import { TherapyGroup } from "../types/group.type.js";
import { CreateGroupInput, UpdateGroupInput } from "../types/session.input.js";
import { loadOrFail } from "./load-or-fail.js";

@Resolver(() => TherapyGroup)
export class GroupResolver {
  @Query(() => [TherapyGroup], { description: "Every group of the practice, by name." })
  @Authorized(Permission.ReadGroups)
  groups(@Ctx() ctx: GraphQLContext): Promise<TherapyGroup[]> {
    return ctx.services.groups.list(requireActor(ctx));
  }

  @Query(() => TherapyGroup, { nullable: true, description: "One group, or null when the practice has no such group." })
  @Authorized(Permission.ReadGroups)
  group(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<TherapyGroup | null> {
    return ctx.services.groups.get(requireActor(ctx), id);
  }

  @Mutation(() => TherapyGroup, { description: "Creates a group with its leader and members." })
  @Authorized(Permission.ManageGroups)
  createGroup(@Arg("input", () => CreateGroupInput) input: CreateGroupInput, @Ctx() ctx: GraphQLContext): Promise<TherapyGroup> {
    return ctx.services.groups.create(requireActor(ctx), input, ctx);
  }

  @Mutation(() => TherapyGroup, { description: "Changes a group's details, leader or member list." })
  @Authorized(Permission.ManageGroups)
  updateGroup(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateGroupInput) input: UpdateGroupInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TherapyGroup> {
    return ctx.services.groups.update(requireActor(ctx), id, input, ctx);
  }

  @FieldResolver(() => Clinician, { description: "The clinician who usually leads it." })
  leader(@Parent() group: TherapyGroup, @Ctx() ctx: GraphQLContext): Clinician | Promise<Clinician> {
    return loadOrFail(ctx.loaders.clinician, group.leaderId, "Clinician");
  }

  @FieldResolver(() => [Client], { description: "The group's members, in the order added." })
  async members(@Parent() group: TherapyGroup, @Ctx() ctx: GraphQLContext): Promise<Client[]> {
    const rows = await ctx.loaders.membersByGroup.load(group.id);
    return Promise.all(rows.map((m) => loadOrFail(ctx.loaders.client, m.clientId, "Client")));
  }
}
