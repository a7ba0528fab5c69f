import { Field, InputType } from "type-graphql";

@InputType({ description: "Changes the practice's billing details; omitted fields are kept, null clears an optional one." })
export class UpdatePracticeInput {
  @Field(() => String, { nullable: true, description: "Practice name." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "Default place of service for in-person sessions." }) defaultPlaceOfService?: string | null;
  @Field(() => String, { nullable: true, description: "EIN, 9 digits." }) taxId?: string | null;
  @Field(() => String, { nullable: true, description: "Billing taxonomy code, e.g. 261QM0801X." }) taxonomyCode?: string | null;
  @Field(() => String, { nullable: true, description: "Billing provider street address (no PO box: the 837P refuses one)." }) addressLine1?: string | null;
  @Field(() => String, { nullable: true, description: "City." }) addressCity?: string | null;
  @Field(() => String, { nullable: true, description: "State, two letters." }) addressState?: string | null;
  @Field(() => String, { nullable: true, description: "ZIP+4, 9 digits (a dash is dropped): the 837P requires it for the billing provider." }) addressZip?: string | null;
  @Field(() => String, { nullable: true, description: "Billing contact phone, 10 digits." }) phone?: string | null;
  @Field(() => String, { nullable: true, description: "Clearinghouse name." }) clearinghouseName?: string | null;
  @Field(() => String, { nullable: true, description: "Clearinghouse receiver id (ISA08), 2-15 letters or digits." }) clearinghouseId?: string | null;
  @Field(() => String, { nullable: true, description: "Submitter id the clearinghouse issued (ISA06), 2-15 letters or digits." }) submitterId?: string | null;
  @Field(() => String, { nullable: true, description: "Submitter name (1000A)." }) submitterName?: string | null;
  @Field(() => String, { nullable: true, description: "Billing contact person (1000A PER02); the practice phone is the contact number." }) submitterContactName?: string | null;
  @Field(() => String, { nullable: true, description: "ISA15 of new batches: T (test) or P (production)." }) x12UsageIndicator?: string | null;
}
