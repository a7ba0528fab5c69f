import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { Practice } from "../types/account.type.js";
import { UpdatePracticeInput } from "../types/practice.input.js";

@Resolver(() => Practice)
export class PracticeResolver {
  @Query(() => Practice, { description: "The active practice." })
  @Authorized(Permission.ReadPractice)
  practice(@Ctx() ctx: GraphQLContext): Promise<Practice> {
    return ctx.services.practices.current(requireActor(ctx));
  }

  @Mutation(() => Practice, { description: "Changes the practice's name and billing details (owners and admins)." })
  @Authorized(Permission.ManagePractice)
  updatePractice(@Arg("input", () => UpdatePracticeInput) input: UpdatePracticeInput, @Ctx() ctx: GraphQLContext): Promise<Practice> {
    return ctx.services.practices.update(requireActor(ctx), input, ctx);
  }
}
