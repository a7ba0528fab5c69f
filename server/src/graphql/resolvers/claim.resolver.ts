import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { addOnChargeOf } from "../../domain/engine/index.js";
import type { ClaimStatus } from "../../services/claim.service.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { ClaimStatusEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";
import { ClaimDecision, DecisionRefresh, RulesImpact, RulesImpactChange } from "../types/claim.type.js";
import { ClaimLineFilterArgs } from "../types/claim-filter.args.js";
import { STALE_DATES } from "../types/claim-summary.type.js";
import { Client } from "../types/client.type.js";
import { Clinician } from "../types/clinician.type.js";
import { connectionTypes, toConnection } from "../types/connection.type.js";
import { PayerRulesInput } from "../types/payer.input.js";
import { Payer } from "../types/payer.type.js";
import { GroupSession } from "../types/session.type.js";
import { loadOrFail } from "./load-or-fail.js";

export const { Connection: ClaimDecisionConnection } = connectionTypes(ClaimDecision, "ClaimDecision");

@ArgsType()
class ClaimDecisionsArgs extends ClaimLineFilterArgs {
  @Field(() => ClaimStatusEnum, { nullable: true, description: "Only lines in this status." }) status?: ClaimStatus | null;
  @Field(() => Int, { nullable: true, description: "Page size, at most 100 (default 25)." }) first?: number | null;
  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." }) after?: string | null;
}

@Resolver(() => ClaimDecision)
export class ClaimResolver {
  @Query(() => ClaimDecisionConnection, { description: "Claim lines of the sessions in a date range, in session start order." })
  @Authorized(Permission.ReadClaims)
  async claimDecisions(@Args(() => ClaimDecisionsArgs) args: ClaimDecisionsArgs, @Ctx() ctx: GraphQLContext) {
    const page = await ctx.services.claims.list(requireActor(ctx), args);
    return { ...toConnection(page), staleDates: page.staleDates };
  }

  @Query(() => DecisionRefresh, { description: "Progress of the background recomputation of this practice's claim lines, e.g. after a back-dated rules change." })
  @Authorized(Permission.ReadClaims)
  decisionRefresh(@Ctx() ctx: GraphQLContext): Promise<DecisionRefresh> {
    return ctx.services.claims.refreshProgress(requireActor(ctx));
  }

  @Query(() => RulesImpact, { description: "What proposed rules would do to the payer's lines in a range (default: from the rules' start to today); saves nothing." })
  @Authorized(Permission.ReadClaims, Permission.ReadPayers)
  previewPayerRules(
    @Arg("payerId", () => ID, { description: "The payer." }) payerId: string,
    @Arg("rules", () => PayerRulesInput, { description: "The proposed change, as for setPayerRules." }) rules: PayerRulesInput,
    @Arg("from", () => DateScalar, { nullable: true, description: "First service date to evaluate." }) from: string | null,
    @Arg("to", () => DateScalar, { nullable: true, description: "Last service date to evaluate." }) to: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RulesImpact> {
    return ctx.services.claims.previewRules(requireActor(ctx), payerId, rules, { from, to });
  }

  @FieldResolver(() => Int, { description: "The claim's total charge in cents: this line's charge plus its add-on lines' (837P CLM02). Billing data: FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadClaims)
  totalChargeCents(@Parent() decision: ClaimDecision): number {
    return decision.chargeCents + addOnChargeOf(decision);
  }

  @FieldResolver(() => GroupSession, { description: "The session." })
  session(@Parent() decision: ClaimDecision, @Ctx() ctx: GraphQLContext): GroupSession | Promise<GroupSession> {
    return loadOrFail(ctx.loaders.session, decision.sessionId, "Session");
  }

  @FieldResolver(() => Client, { description: "The member billed." })
  client(@Parent() decision: ClaimDecision, @Ctx() ctx: GraphQLContext): Client | Promise<Client> {
    return loadOrFail(ctx.loaders.client, decision.clientId, "Client");
  }

  @FieldResolver(() => Clinician, {
    nullable: true,
    description: "The clinician billed as rendering provider: the session's leader, or the licensed supervisor of an unlicensed leader.",
  })
  renderingProvider(@Parent() decision: ClaimDecision, @Ctx() ctx: GraphQLContext): Clinician | null | Promise<Clinician | null> {
    return decision.renderingClinicianId ? loadOrFail(ctx.loaders.clinician, decision.renderingClinicianId, "Clinician") : null;
  }

  @FieldResolver(() => Clinician, { nullable: true, description: "The unlicensed leader whose group the rendering provider supervised; null when the leader renders." })
  supervisedLeader(@Parent() decision: ClaimDecision, @Ctx() ctx: GraphQLContext): Clinician | null | Promise<Clinician | null> {
    return decision.supervisedClinicianId ? loadOrFail(ctx.loaders.clinician, decision.supervisedClinicianId, "Clinician") : null;
  }

  @FieldResolver(() => Payer, { nullable: true, description: "The member's primary payer on the service date; null without coverage." })
  payer(@Parent() decision: ClaimDecision, @Ctx() ctx: GraphQLContext): Promise<Payer | null> {
    return decision.payerId ? ctx.loaders.payer.load(decision.payerId) : Promise.resolve(null);
  }
}

@Resolver(() => RulesImpactChange)
export class RulesImpactChangeResolver {
  @FieldResolver(() => GroupSession, { description: "The session." })
  session(@Parent() change: RulesImpactChange, @Ctx() ctx: GraphQLContext): GroupSession | Promise<GroupSession> {
    return loadOrFail(ctx.loaders.session, change.sessionId, "Session");
  }

  @FieldResolver(() => Client, { description: "The member." })
  client(@Parent() change: RulesImpactChange, @Ctx() ctx: GraphQLContext): Client | Promise<Client> {
    return loadOrFail(ctx.loaders.client, change.clientId, "Client");
  }
}

@Resolver(() => ClaimDecisionConnection)
export class ClaimDecisionConnectionResolver {
  @FieldResolver(() => Int, { description: STALE_DATES })
  staleDates(@Parent() connection: { staleDates: number }): number {
    return connection.staleDates;
  }
}
