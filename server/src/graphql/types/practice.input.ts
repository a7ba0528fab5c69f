import { Field, InputType } from "type-graphql";

@InputType({ description: "Changes the practice's billing details; omitted fields are kept, null clears an optional one." })
export class UpdatePracticeInput {
  @Field(() => String, { nullable: true, description: "Practice name." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "Default place of service for in-person sessions." }) defaultPlaceOfService?: string | null;
  @Field(() => String, { nullable: true, description: "EIN, 9 digits." }) taxId?: string | null;
  @Field(() => String, { nullable: true, description: "Billing taxonomy code, e.g. 261QM0801X." }) taxonomyCode?: string | null;
  @Field(() => String, { nullable: true, description: "Street address." }) addressLine1?: string | null;
  @Field(() => String, { nullable: true, description: "City." }) addressCity?: string | null;
  @Field(() => String, { nullable: true, description: "State, two letters." }) addressState?: string | null;
  @Field(() => String, { nullable: true, description: "ZIP, 5 or 9 digits." }) addressZip?: string | null;
  @Field(() => String, { nullable: true, description: "Billing contact phone, 10 digits." }) phone?: string | null;
  @Field(() => String, { nullable: true, description: "Clearinghouse name." }) clearinghouseName?: string | null;
  @Field(() => String, { nullable: true, description: "Clearinghouse receiver id." }) clearinghouseId?: string | null;
}
