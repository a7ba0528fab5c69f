import { Field, ID, ObjectType } from "type-graphql";
import { CoveragePriorityEnum, SexEnum, SubscriberRelationshipEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";
import type { Sex, SubscriberRelationship } from "../../domain/engine/index.js";
import type { CoveragePriority } from "../../entities/index.js";

@ObjectType({ description: "A US postal address as claims carry it (837P N3/N4)." })
export class Address {
  @Field({ description: "Street line." }) line1!: string;
  @Field(() => String, { nullable: true, description: "Second street line (apartment, suite)." }) line2!: string | null;
  @Field({ description: "City." }) city!: string;
  @Field({ description: "Two-letter state code." }) state!: string;
  @Field({ description: "ZIP code: 5 digits or ZIP+4 (9 digits, no dash)." }) zip!: string;
}

@ObjectType({ description: "The insured person when it is not the client (relationship other than SELF)." })
export class Subscriber {
  @Field({ description: "Given name." }) firstName!: string;
  @Field({ description: "Family name." }) lastName!: string;
  @Field(() => DateScalar, { description: "Date of birth." }) dateOfBirth!: string;
  @Field(() => SexEnum, { description: "Sex." }) sex!: Sex;
  @Field(() => Address, { description: "Home address." }) address!: Address;
}

@ObjectType({ description: "A member's insurance with one payer over a span of dates." })
export class Coverage {
  @Field(() => ID, { description: "The coverage's id." }) id!: string;
  @Field({ description: "The member's id with the payer (subscriber id on claims)." }) memberId!: string;
  @Field(() => CoveragePriorityEnum, { description: "Billed first (PRIMARY) or after (SECONDARY)." }) priority!: CoveragePriority;
  @Field(() => DateScalar, { description: "First day the coverage is in force." }) effectiveFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: "Last day the coverage is in force; null while open-ended." }) effectiveTo!: string | null;
  @Field(() => SubscriberRelationshipEnum, { description: "The client's relationship to the insured person; SELF when the client is the insured." })
  relationship!: SubscriberRelationship;
  payerId!: string;
}

@ObjectType({ description: "A person who attends groups and is billed on their own insurance." })
export class Client {
  @Field(() => ID, { description: "The client's id." }) id!: string;
  @Field({ description: "Given name." }) firstName!: string;
  @Field({ description: "Family name." }) lastName!: string;
  @Field(() => DateScalar, { description: "Date of birth." }) dateOfBirth!: string;
  @Field(() => SexEnum, { nullable: true, description: "Sex as claims carry it; null until recorded (a claim needs it: MISSING_REGISTRATION)." }) sex!: Sex | null;
  @Field(() => [String], { description: "ICD-10-CM codes, primary first (e.g. F33.1); at most 12 go on a claim." }) diagnosisCodes!: string[];
}
