import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { DateScalar } from "../scalars.js";
import { User } from "../types/account.type.js";
import { AuditEvent } from "../types/audit-event.type.js";
import { connectionTypes, toConnection } from "../types/connection.type.js";

export const { Connection: AuditEventConnection } = connectionTypes(AuditEvent, "AuditEvent");

@ArgsType()
class AuditEventsArgs {
  @Field(() => String, { nullable: true, description: "Only events about this kind of thing, e.g. Payer." }) entityType?: string | null;
  @Field(() => ID, { nullable: true, description: "Only events about this id." }) entityId?: string | null;
  @Field(() => ID, { nullable: true, description: "Only events by this user." }) actorUserId?: string | null;
  @Field(() => String, { nullable: true, description: "Only events with this action, e.g. payer.update." }) action?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "First day (inclusive), in the practice's time zone." }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Last day (inclusive), in the practice's time zone." }) to?: string | null;
  @Field(() => Int, { nullable: true, description: "Page size, at most 100 (default 25)." }) first?: number | null;
  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string | null;
}

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: "The practice's audit log, newest first (owners and admins)." })
  @Authorized(Permission.ReadAudit)
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.auditLog.list(requireActor(ctx), args));
  }

  @FieldResolver(() => User, { nullable: true, description: "Who did it; null for system actions." })
  actor(@Parent() event: AuditEvent, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    return event.actorUserId ? ctx.loaders.user.load(event.actorUserId) : Promise.resolve(null);
  }
}
