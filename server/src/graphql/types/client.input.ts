import { Field, ID, InputType } from "type-graphql";
import { CoveragePriorityEnum, SexEnum, SubscriberRelationshipEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";
import type { Sex, SubscriberRelationship } from "../../domain/engine/index.js";
import type { CoveragePriority } from "../../entities/index.js";

@InputType({ description: "A US postal address; the 837P carries it as typed (accents folded), so * : ^ ~ are refused." })
export class AddressInput {
  @Field({ description: "Street line, at most 55 characters." }) line1!: string;
  @Field(() => String, { nullable: true, description: "Second street line, at most 55 characters." }) line2?: string | null;
  @Field({ description: "City, 2-30 characters." }) city!: string;
  @Field({ description: "Two-letter US state code (states, DC, territories, AA/AE/AP)." }) state!: string;
  @Field({ description: "ZIP: 5 digits or ZIP+4 (a dash or space is dropped)." }) zip!: string;
}

@InputType({ description: "The insured person of a coverage whose relationship is not SELF." })
export class SubscriberInput {
  @Field({ description: "Given name." }) firstName!: string;
  @Field({ description: "Family name." }) lastName!: string;
  @Field(() => DateScalar, { description: "Date of birth." }) dateOfBirth!: string;
  @Field(() => SexEnum, { description: "Sex." }) sex!: Sex;
  @Field(() => AddressInput, { description: "Home address." }) address!: AddressInput;
}

@InputType({ description: "A member's coverage with one payer." })
export class CoverageInput {
  @Field(() => ID, { description: "The payer." }) payerId!: string;
  @Field({ description: "The member's id with the payer." }) memberId!: string;
  @Field(() => CoveragePriorityEnum, { description: "PRIMARY or SECONDARY; primaries may not overlap." }) priority!: CoveragePriority;
  @Field(() => DateScalar, { description: "First day in force." }) effectiveFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: "Last day in force; omit while open-ended." }) effectiveTo?: string | null;
  @Field(() => SubscriberRelationshipEnum, { nullable: true, description: "The client's relationship to the insured person; SELF when omitted." })
  relationship?: SubscriberRelationship | null;
  @Field(() => SubscriberInput, { nullable: true, description: "The insured person: required when relationship is not SELF, refused when it is." })
  subscriber?: SubscriberInput | null;
}

@InputType({ description: "A new client." })
export class CreateClientInput {
  @Field({ description: "Given name." }) firstName!: string;
  @Field({ description: "Family name." }) lastName!: string;
  @Field(() => DateScalar, { description: "Date of birth." }) dateOfBirth!: string;
  @Field(() => SexEnum, { nullable: true, description: "Sex; claims need FEMALE or MALE." }) sex?: Sex | null;
  @Field(() => AddressInput, { nullable: true, description: "Home address; claims need it." }) address?: AddressInput | null;
  @Field(() => [String], { description: "ICD-10-CM codes, primary first." }) diagnosisCodes!: string[];
  @Field(() => [CoverageInput], { description: "Insurance coverages." }) coverages!: CoverageInput[];
}

@InputType({ description: "Changes a client; omitted fields are kept, `coverages` replaces the whole list." })
export class UpdateClientInput {
  @Field(() => String, { nullable: true, description: "Given name." }) firstName?: string | null;
  @Field(() => String, { nullable: true, description: "Family name." }) lastName?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Date of birth." }) dateOfBirth?: string | null;
  @Field(() => SexEnum, { nullable: true, description: "Sex; null clears it." }) sex?: Sex | null;
  @Field(() => AddressInput, { nullable: true, description: "Home address, replaced whole; null clears it." }) address?: AddressInput | null;
  @Field(() => [String], { nullable: true, description: "ICD-10-CM codes, primary first." }) diagnosisCodes?: string[] | null;
  @Field(() => [CoverageInput], { nullable: true, description: "The complete new list of coverages." }) coverages?: CoverageInput[] | null;
}
