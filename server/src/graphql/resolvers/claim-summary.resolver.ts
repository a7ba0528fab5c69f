import { Args, Authorized, Ctx, FieldResolver, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { ClaimLineFilterArgs } from "../types/claim-filter.args.js";
import { ClaimPayerTotal, ClaimSummary, UnbilledSession } from "../types/claim-summary.type.js";
import { Payer } from "../types/payer.type.js";
import { GroupSession } from "../types/session.type.js";
import { loadOrFail } from "./load-or-fail.js";

@Resolver(() => ClaimSummary)
export class ClaimSummaryResolver {
  // Clinicians may ask too: they get the counts, and every charge field answers FORBIDDEN to them.
  @Query(() => ClaimSummary, { description: "Totals of the claim lines of a range, by status, by blocking reason and by payer, and the oldest unbilled sessions." })
  @Authorized(Permission.ReadSessions)
  async claimSummary(@Args(() => ClaimLineFilterArgs) args: ClaimLineFilterArgs, @Ctx() ctx: GraphQLContext): Promise<ClaimSummary> {
    const summary = await ctx.services.claimSummary.summarize(requireActor(ctx), args);
    return { ...summary, lineCount: summary.total.lineCount, chargeCents: summary.total.chargeCents };
  }
}

@Resolver(() => ClaimPayerTotal)
export class ClaimPayerTotalResolver {
  @FieldResolver(() => Payer, { nullable: true, description: "The payer; null for members without coverage on the date." })
  payer(@Parent() total: ClaimPayerTotal, @Ctx() ctx: GraphQLContext): Promise<Payer | null> {
    return total.payerId ? ctx.loaders.payer.load(total.payerId) : Promise.resolve(null);
  }
}

@Resolver(() => UnbilledSession)
export class UnbilledSessionResolver {
  @FieldResolver(() => GroupSession, { description: "The session." })
  session(@Parent() unbilled: UnbilledSession, @Ctx() ctx: GraphQLContext): GroupSession | Promise<GroupSession> {
    return loadOrFail(ctx.loaders.session, unbilled.sessionId, "Session");
  }
}
