import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../parent.js";
import { Permission } from "../../auth/roles.js";
import type { ExportFormat } from "../../domain/export/index.js";
import type { ClaimBatchEntity, ClaimBatchLineEntity } from "../../entities/index.js";
import { requireActor } from "../auth-checker.js";
import type { GraphQLContext } from "../context.js";
import { ExportFormatEnum } from "../enums.js";
import { ClaimDecision } from "../types/claim.type.js";
import { ClaimBatch, CreateClaimBatchInput } from "../types/claim-batch.type.js";
import { Payer } from "../types/payer.type.js";

/** A batch's lines as billed: the frozen copy, not today's evaluation. */
function frozenDecision(line: ClaimBatchLineEntity): ClaimDecision {
  return {
    id: line.decisionId,
    status: "BILLED",
    cptCode: line.cptCode,
    suggestedCptCodes: [],
    modifiers: line.modifiers,
    placeOfService: line.placeOfService,
    units: line.units,
    diagnosisCodes: line.diagnosisCodes,
    chargeCents: line.chargeCents,
    // The add-ons as billed; the reason stays with the attendance record, not the claim.
    addOnLines: (line.addOnLines ?? []).map((a) => ({ cptCode: a.cptCode, modifiers: a.modifiers, placeOfService: a.placeOfService, units: a.units, chargeCents: a.chargeCents, reason: null })),
    issues: [],
    batchId: line.batchId,
    patientControlNumber: line.patientControlNumber,
    sessionId: line.sessionId,
    clientId: line.clientId,
    payerId: line.payerId,
    // What the payer was told the note needed is not part of the claim; a billed line is past that question.
    requiredNoteElements: [],
    authorizationNumber: line.authorizationNumber,
    renderingClinicianId: line.renderingClinicianId,
    supervisedClinicianId: line.supervisedClinicianId,
  };
}

// Every query and mutation here answers ClaimBatchEntity rows, so field resolvers that hand the batch to a service take
// the root as the entity it is.
@Resolver(() => ClaimBatch)
export class ClaimBatchResolver {
  @Query(() => [ClaimBatch], { description: "Every batch of the practice, newest first." })
  @Authorized(Permission.ReadClaims)
  claimBatches(@Ctx() ctx: GraphQLContext): Promise<ClaimBatch[]> {
    return ctx.services.batches.list(requireActor(ctx));
  }

  @Query(() => ClaimBatch, { nullable: true, description: "One batch, or null when the practice has no such batch." })
  @Authorized(Permission.ReadClaims)
  claimBatch(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ClaimBatch | null> {
    return ctx.services.batches.get(requireActor(ctx), id);
  }

  @Mutation(() => ClaimBatch, { description: "Bills every READY line in the range (and payer); idempotent per idempotencyKey." })
  @Authorized(Permission.ManageClaimBatches)
  createClaimBatch(@Arg("input", () => CreateClaimBatchInput) input: CreateClaimBatchInput, @Ctx() ctx: GraphQLContext): Promise<ClaimBatch> {
    return ctx.services.batches.create(requireActor(ctx), input, ctx);
  }

  @Mutation(() => ClaimBatch, { description: "Voids a batch; its lines become billable again." })
  @Authorized(Permission.ManageClaimBatches)
  voidClaimBatch(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ClaimBatch> {
    return ctx.services.batches.void(requireActor(ctx), id, ctx);
  }

  @Mutation(() => ClaimBatch, {
    description:
      "Bills members' secondary payers for the lines of a batch their primary adjudicated (paid, partly paid or denied) when a SECONDARY coverage is in force on the date: a new batch whose 837P carries the primary's payment and adjustments (loops 2320/2330). Idempotent per idempotencyKey.",
  })
  @Authorized(Permission.ManageClaimBatches)
  createSecondaryClaims(
    @Arg("batchId", () => ID, { description: "The primary claims' batch." }) batchId: string,
    @Arg("idempotencyKey", { description: "A key of your choosing; repeating the request with it returns the same batch." }) idempotencyKey: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ClaimBatch> {
    return ctx.services.batches.createSecondaryClaims(requireActor(ctx), batchId, idempotencyKey, ctx);
  }

  @FieldResolver(() => Boolean, { description: "Whether the batch was voided." })
  voided(@Parent() batch: ClaimBatch): boolean {
    return batch.voidedAt !== null;
  }

  @FieldResolver(() => Payer, { nullable: true, description: "The payer the batch was limited to; null for all payers." })
  payer(@Parent() batch: ClaimBatch, @Ctx() ctx: GraphQLContext): Promise<Payer | null> {
    return batch.payerId ? ctx.loaders.payer.load(batch.payerId) : Promise.resolve(null);
  }

  @FieldResolver(() => [ClaimDecision], { description: "The lines as they were billed." })
  async lines(@Parent() batch: ClaimBatch, @Ctx() ctx: GraphQLContext): Promise<ClaimDecision[]> {
    return (await ctx.services.batches.lines(requireActor(ctx), batch.id)).map(frozenDecision);
  }

  @FieldResolver(() => [String], {
    description: "Where today's data no longer supports a line of this (live) batch, in plain words: void and rebill to correct. Empty when all is well or the batch is void.",
  })
  discrepancies(@Parent() batch: ClaimBatchEntity, @Ctx() ctx: GraphQLContext): Promise<string[]> {
    return ctx.services.batches.discrepancies(requireActor(ctx), batch);
  }

  @FieldResolver(() => String, {
    description: "The batch as a file: CSV (RFC 4180) or an X12 005010X222A1 837P interchange. Writing the 837P marks the batch sent (exportedAt); rebilled lines of a voided sent batch are replacement claims (CLM05-3 = 7, REF*F8).",
  })
  @Authorized(Permission.ReadClaims)
  export(
    @Parent() batch: ClaimBatchEntity,
    @Arg("format", () => ExportFormatEnum, { description: "CSV or X12_837P." }) format: ExportFormat,
    @Ctx() ctx: GraphQLContext,
    @Arg("voidClaims", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: "For a voided batch that was sent: its void claims (CLM05-3 = 8, REF*F8) for every line no later claim replaces, in an interchange of their own.",
    })
    voidClaims?: boolean,
  ): Promise<string> {
    return ctx.services.batches.export(requireActor(ctx), batch, format, { voidClaims: voidClaims === true });
  }
}
