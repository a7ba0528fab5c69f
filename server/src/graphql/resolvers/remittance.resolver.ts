import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { DateScalar } from "../scalars.js";
import { ClaimDecision } from "../types/claim.type.js";
import { ClaimBatch } from "../types/claim-batch.type.js";
import {
  DenialFilterInput,
  DenialReportPayer,
  DenialWorkItem,
  ImportRemittanceInput,
  LineRemittance,
  Remittance,
  RemittancePayment,
  RemittancePosting,
  RemittanceTotal,
} from "../types/remittance.type.js";

@Resolver(() => Remittance)
export class RemittanceResolver {
  @Mutation(() => Remittance, {
    description:
      "Posts an 835 (005010X221A1): every payment and claim, or nothing (BAD_USER_INPUT naming the segment for malformed or unbalanced files and for claims that match no billed line). Importing the same payments again posts nothing and answers the earlier import with alreadyImported; a file mixing posted and new payments is a CONFLICT.",
  })
  @Authorized(Permission.ManageRemittances)
  importRemittance(@Arg("input", () => ImportRemittanceInput, { description: "The file." }) input: ImportRemittanceInput, @Ctx() ctx: GraphQLContext): Promise<Remittance> {
    return ctx.services.remittances.import(requireActor(ctx), input, ctx);
  }

  @Query(() => [Remittance], { description: "Every imported remittance, newest first." })
  @Authorized(Permission.ReadClaims)
  remittances(@Ctx() ctx: GraphQLContext): Promise<Remittance[]> {
    return ctx.services.remittances.list(requireActor(ctx));
  }

  @Query(() => Remittance, { nullable: true, description: "One remittance, or null when the practice has none with this id." })
  @Authorized(Permission.ReadClaims)
  remittance(@Arg("id", () => ID, { description: "The remittance's id." }) id: string, @Ctx() ctx: GraphQLContext): Promise<Remittance | null> {
    return ctx.services.remittances.get(requireActor(ctx), id);
  }

  @FieldResolver(() => [RemittancePayment], { description: "Its payments (ST/SE), in file order." })
  payments(@Parent() remittance: Remittance, @Ctx() ctx: GraphQLContext): Promise<RemittancePayment[]> {
    return ctx.services.remittances.payments(requireActor(ctx), remittance.id);
  }

  @FieldResolver(() => [RemittancePosting], { description: "Its claims (CLP), each posted on the line it names, in file order." })
  claims(@Parent() remittance: Remittance, @Ctx() ctx: GraphQLContext): Promise<RemittancePosting[]> {
    return ctx.services.remittances.claims(requireActor(ctx), remittance.id);
  }

  @Query(() => [DenialWorkItem], { description: "Denied and partially paid lines (by their latest posting), oldest service first, with open balances." })
  @Authorized(Permission.ReadClaims)
  denials(@Arg("filter", () => DenialFilterInput, { nullable: true, description: "Optional filters." }) filter: DenialFilterInput | null, @Ctx() ctx: GraphQLContext): Promise<DenialWorkItem[]> {
    return ctx.services.remittances.denials(requireActor(ctx), filter ?? {});
  }

  @Mutation(() => LineRemittance, { description: "Writes off a denial's open balance, with a reason (audited); a denial is written off once." })
  @Authorized(Permission.ManageRemittances)
  writeOffDenial(@Arg("lineId", () => ID, { description: "The billed line (LineRemittance.lineId)." }) lineId: string, @Arg("reason", { description: "Why the balance is written off." }) reason: string, @Ctx() ctx: GraphQLContext): Promise<LineRemittance> {
    return ctx.services.remittances.writeOff(requireActor(ctx), lineId, reason, ctx);
  }

  @Mutation(() => ClaimBatch, {
    description:
      "Correct and rebill: a denied or partially paid line whose cause was fixed goes out again as a one-line replacement claim (837P CLM05-3 = 7, new CLM01, REF*F8 = the payer's CLP07) in a new batch; only that line is voided in its batch. Refused (nothing changes) when the line was never remitted, not denied, written off, already rebilled, or is not READY once freed (BAD_USER_INPUT naming what blocks it). Idempotent per idempotencyKey.",
  })
  @Authorized(Permission.ManageClaimBatches)
  correctAndRebill(
    @Arg("lineId", () => ID, { description: "The denied billed line (DenialWorkItem.lineId)." }) lineId: string,
    @Arg("idempotencyKey", { description: "A key of your choosing; repeating the request with it returns the same batch." }) idempotencyKey: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ClaimBatch> {
    return ctx.services.batches.rebillLine(requireActor(ctx), lineId, idempotencyKey, ctx);
  }

  @Mutation(() => LineRemittance, { description: "Notes an appeal (or its progress) on a denied line (audited)." })
  @Authorized(Permission.ManageRemittances)
  noteAppeal(@Arg("lineId", () => ID, { description: "The billed line (LineRemittance.lineId)." }) lineId: string, @Arg("note", { description: "The appeal note." }) note: string, @Ctx() ctx: GraphQLContext): Promise<LineRemittance> {
    return ctx.services.remittances.noteAppeal(requireActor(ctx), lineId, note, ctx);
  }

  @Query(() => [RemittanceTotal], { description: "Billed, paid, denied and outstanding by payer and month of service, newest month first." })
  @Authorized(Permission.ReadClaims)
  remittanceTotals(@Ctx() ctx: GraphQLContext): Promise<RemittanceTotal[]> {
    return ctx.services.remittances.totals(requireActor(ctx));
  }

  @Query(() => [DenialReportPayer], {
    description:
      "Predicted vs actual for lines served from..to: per payer, the denials GroupBill would have prevented (a WARNING on the line when billed, or the preventing rule off in the rule version used) and those it missed, by reason, with the rule change that would prevent them.",
  })
  @Authorized(Permission.ReadClaims)
  denialReport(@Arg("from", () => DateScalar, { description: "First service date." }) from: string, @Arg("to", () => DateScalar, { description: "Last service date." }) to: string, @Ctx() ctx: GraphQLContext): Promise<DenialReportPayer[]> {
    return ctx.services.remittances.report(requireActor(ctx), from, to);
  }
}

@Resolver(() => ClaimDecision)
export class ClaimDecisionRemittanceResolver {
  @FieldResolver(() => LineRemittance, {
    nullable: true,
    description: "For a BILLED line: what remittances said about it (latest posting and history); null before any. Billing data: FORBIDDEN for CLINICIAN.",
  })
  @Authorized(Permission.ReadClaims)
  remittance(@Parent() decision: ClaimDecision, @Ctx() ctx: GraphQLContext): Promise<LineRemittance | null> {
    if (!decision.batchId) return Promise.resolve(null);
    requireActor(ctx);
    return ctx.loaders.remittanceByBilledLine.load(`${decision.batchId}:${decision.sessionId}:${decision.clientId}`);
  }
}
