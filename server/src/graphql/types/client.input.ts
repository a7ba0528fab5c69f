import { Field, ID, InputType } from "type-graphql";
import { CoveragePriorityEnum } from "../enums.js";
import { DateScalar } from "../scalars.js";
import type { CoveragePriority } from "../../entities/index.js";

@InputType({ description: "A member's coverage with one payer." })
export class CoverageInput {
  @Field(() => ID, { description: "The payer." }) payerId!: string;
  @Field({ description: "The member's id with the payer." }) memberId!: string;
  @Field(() => CoveragePriorityEnum, { description: "PRIMARY or SECONDARY; primaries may not overlap." }) priority!: CoveragePriority;
  @Field(() => DateScalar, { description: "First day in force." }) effectiveFrom!: string;
  @Field(() => DateScalar, { nullable: true, description: "Last day in force; omit while open-ended." }) effectiveTo?: string | null;
}

@InputType({ description: "A new client." })
export class CreateClientInput {
  @Field({ description: "Given name." }) firstName!: string;
  @Field({ description: "Family name." }) lastName!: string;
  @Field(() => DateScalar, { description: "Date of birth." }) dateOfBirth!: string;
  @Field(() => [String], { description: "ICD-10-CM codes, primary first." }) diagnosisCodes!: string[];
  @Field(() => [CoverageInput], { description: "Insurance coverages." }) coverages!: CoverageInput[];
}

@InputType({ description: "Changes a client; omitted fields are kept, `coverages` replaces the whole list." })
export class UpdateClientInput {
  @Field(() => String, { nullable: true, description: "Given name." }) firstName?: string | null;
  @Field(() => String, { nullable: true, description: "Family name." }) lastName?: string | null;
  @Field(() => DateScalar, { nullable: true, description: "Date of birth." }) dateOfBirth?: string | null;
  @Field(() => [String], { nullable: true, description: "ICD-10-CM codes, primary first." }) diagnosisCodes?: string[] | null;
  @Field(() => [CoverageInput], { nullable: true, description: "The complete new list of coverages." }) coverages?: CoverageInput[] | null;
}
