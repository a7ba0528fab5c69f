import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../scalars.js";

@ObjectType({ description: "A payer's approval of a number of 90853 units for one client over a date range (both days inclusive)." })
export class PriorAuthorization {
  @Field(() => ID, { description: "The authorization's id." }) id!: string;
  @Field({ description: "The payer's authorization number, sent as REF*G1 on every claim billed under it." }) number!: string;
  @Field(() => DateScalar, { description: "First day covered." }) startDate!: string;
  @Field(() => DateScalar, { description: "Last day covered." }) endDate!: string;
  @Field(() => Int, { description: "Units of 90853 approved for the whole range." }) units!: number;
  @Field(() => Int, { description: "Units used: lines billed under it, plus lines that would use it now (billable lines in date and start order)." }) unitsUsed!: number;
  @Field(() => Int, { description: "Units still available (never below 0)." }) unitsLeft!: number;
  @Field(() => String, { nullable: true, description: "Free text, e.g. who at the payer approved it." }) note!: string | null;
  clientId!: string;
  payerId!: string;
}

@InputType({ description: "A new prior authorization for a client with one of their payers." })
export class AddPriorAuthorizationInput {
  @Field(() => ID, { description: "The payer that issued it; the client must have a coverage with it." }) payerId!: string;
  @Field({ description: "The payer's authorization number: letters, digits and common punctuation, at most 30 characters." }) number!: string;
  @Field(() => DateScalar, { description: "First day covered." }) startDate!: string;
  @Field(() => DateScalar, { description: "Last day covered (at most 366 days after the start)." }) endDate!: string;
  @Field(() => Int, { description: "Units of 90853 approved for the whole range (at least 1)." }) units!: number;
  @Field(() => String, { nullable: true, description: "Free text." }) note?: string | null;
}

@InputType({ description: "Changes a prior authorization; omitted fields are kept. The payer cannot change." })
export class UpdatePriorAuthorizationInput {
  @Field(() => String, { nullable: true, description: "The payer's authorization number." }) number?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "First day covered." }) startDate?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Last day covered." }) endDate?: string | null;
  @Field(() => Int, { nullable: true, description: "Units approved for the whole range; not below the units already billed under it." }) units?: number | null;
  @Field(() => String, { nullable: true, description: "Free text; an empty string clears it." }) note?: string | null;
}
