import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { Practice } from "../types/account.type.js";

@Resolver(() => Practice)
export class PracticeResolver {
  @Query(() => Practice, { description: "The active practice." })
  @Authorized(Permission.ReadPractice)
  practice(@Ctx() ctx: GraphQLContext): Promise<Practice> {
    return ctx.services.practices.current(requireActor(ctx));
  }
}
