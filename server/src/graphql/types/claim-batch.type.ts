import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { UsageIndicator } from "../../domain/export/index.js";
import { UsageIndicatorEnum } from "../enums.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "READY lines frozen for billing; a line is in at most one batch that is not void." })
export class ClaimBatch {
  @Field(() => ID, { description: "The batch's id." }) id!: string;
  @Field(() => DateTimeScalar, { description: "When it was made." }) createdAt!: Date;
  @Field(() => DateScalar, { description: "First service date covered." }) from!: string;
  @Field(() => DateScalar, { description: "Last service date covered." }) to!: string;
  @Field(() => Int, { description: "Number of lines." }) lineCount!: number;
  @Field(() => Int, { description: "Sum of the lines' charges in cents." }) totalChargeCents!: number;
  @Field(() => Int, { description: "Interchange control number of its 837P file (ISA13)." }) controlNumber!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: "When it was voided; its lines were then free to bill again." }) voidedAt!: Date | null;
  @Field(() => UsageIndicatorEnum, { description: "ISA15 of its 837P: T (test) or P (production), from the practice's setting when the batch was made." })
  usageIndicator!: UsageIndicator;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When its 837P was first written: from then on it counts as sent, and voiding it leaves claims at the payer to replace (rebill) or void (export with voidClaims).",
  })
  exportedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: "ISA13 of its void-claims file, once written." }) voidControlNumber!: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When its void-claims file was first written; later rebills of its lines are original claims." })
  voidExportedAt!: Date | null;
  payerId!: string | null;
}

@InputType({ description: "Bills every READY line of a range (and payer)." })
export class CreateClaimBatchInput {
  @Field(() => DateScalar, { description: "First service date." }) from!: string;
  @Field(() => DateScalar, { description: "Last service date." }) to!: string;
  @Field(() => ID, { nullable: true, description: "Only this payer's lines." }) payerId?: string | null;
  @Field({ description: "A key of your choosing; repeating a request with the same key returns the same batch." }) idempotencyKey!: string;
}
