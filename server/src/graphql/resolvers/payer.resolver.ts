import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { ruleVersionOn } from "../../domain/engine/index.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { DateScalar } from "../scalars.js";
import { CreatePayerInput, PayerRulesInput, UpdatePayerInput } from "../types/payer.input.js";
import { Payer, PayerRules } from "../types/payer.type.js";

@Resolver(() => Payer)
export class PayerResolver {
  @Query(() => [Payer], { description: "Every payer of the practice, by name." })
  @Authorized(Permission.ReadPayers)
  payers(@Ctx() ctx: GraphQLContext): Promise<Payer[]> {
    return ctx.services.payers.list(requireActor(ctx));
  }

  @Query(() => Payer, { nullable: true, description: "One payer, or null when the practice has no such payer." })
  @Authorized(Permission.ReadPayers)
  payer(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Payer | null> {
    return ctx.services.payers.get(requireActor(ctx), id);
  }

  @Mutation(() => Payer, { description: "Adds a payer with default rules (MEDICAID gets HQ), overridden by `rules`." })
  @Authorized(Permission.ManagePayers)
  createPayer(@Arg("input", () => CreatePayerInput) input: CreatePayerInput, @Ctx() ctx: GraphQLContext): Promise<Payer> {
    return ctx.services.payers.create(requireActor(ctx), input, ctx);
  }

  @Mutation(() => Payer, { description: "Renames a payer or changes its claim id." })
  @Authorized(Permission.ManagePayers)
  updatePayer(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePayerInput) input: UpdatePayerInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Payer> {
    return ctx.services.payers.update(requireActor(ctx), id, input, ctx);
  }

  @Mutation(() => Payer, { description: "Adds a new rules version; earlier versions stay in the history unchanged." })
  @Authorized(Permission.ManagePayers)
  setPayerRules(
    @Arg("payerId", () => ID, { description: "The payer whose rules change." }) payerId: string,
    @Arg("rules", () => PayerRulesInput, { description: "The changes; omitted fields keep the value in force on effectiveFrom." }) rules: PayerRulesInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Payer> {
    return ctx.services.payers.setRules(requireActor(ctx), payerId, rules, ctx);
  }

  // Rules carry the fee and the payer's billing policy: readable with ReadPayers, whichever path leads here
  // (payers, or a client's coverage or a claim line, which clinicians can read).
  @FieldResolver(() => PayerRules, { description: "The rules in force today (the practice's date); before the first version starts, that first version. FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadPayers)
  async rules(@Parent() payer: Payer, @Ctx() ctx: GraphQLContext): Promise<PayerRules> {
    const versions = await ctx.loaders.ruleVersionsByPayer.load(payer.id);
    const today = await ctx.loaders.today();
    return ruleVersionOn(versions, today) ?? versions[0];
  }

  @FieldResolver(() => PayerRules, { nullable: true, description: "The rules in force on a service date, or null before the first version. FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadPayers)
  async rulesOn(@Parent() payer: Payer, @Arg("date", () => DateScalar, { description: "The service date." }) date: string, @Ctx() ctx: GraphQLContext): Promise<PayerRules | null> {
    const versions = await ctx.loaders.ruleVersionsByPayer.load(payer.id);
    return ruleVersionOn(versions, date);
  }

  @FieldResolver(() => [PayerRules], { description: "Every version, oldest effective date first. FORBIDDEN for CLINICIAN." })
  @Authorized(Permission.ReadPayers)
  ruleHistory(@Parent() payer: Payer, @Ctx() ctx: GraphQLContext): Promise<PayerRules[]> {
    return ctx.loaders.ruleVersionsByPayer.load(payer.id);
  }
}
