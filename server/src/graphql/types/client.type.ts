import { Field, ID, ObjectType } from "type-graphql";
import { CoveragePriorityEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";
import type { CoveragePriority } from "../../entities/index.js";

@ObjectType({ description: "A member's insurance with one payer over a span of dates." })
export class Coverage {
  @Field(() => ID, { description: "The coverage's id." }) id!: string;
  @Field({ description: "The member's id with the payer (subscriber id on claims)." }) memberId!: string;
  @Field(() => CoveragePriorityEnum, { description: "Billed first (PRIMARY) or after (SECONDARY)." }) priority!: CoveragePriority;
  @Field(() => DateScalar, { description: "First day the coverage is in force." }) effectiveFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: "Last day the coverage is in force; null while open-ended." }) effectiveTo!: string | null;
  payerId!: string;
}

@ObjectType({ description: "A person who attends groups and is billed on their own insurance." })
export class Client {
  @Field(() => ID, { description: "The client's id." }) id!: string;
  @Field({ description: "Given name." }) firstName!: string;
  @Field({ description: "Family name." }) lastName!: string;
  @Field(() => DateScalar, { description: "Date of birth." }) dateOfBirth!: string;
  @Field(() => [String], { description: "ICD-10-CM codes, primary first (e.g. F33.1); at most 12 go on a claim." }) diagnosisCodes!: string[];
}
