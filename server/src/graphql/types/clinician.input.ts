import { Field, InputType } from "type-graphql";
import { DateScalar } from "../scalars.js";

@InputType({ description: "A new clinician." })
export class CreateClinicianInput {
  @Field({ description: "Full name." }) name!: string;
  @Field({ description: "Individual NPI (10 digits, valid check digit)." }) npi!: string;
  @Field({ description: "Credential, e.g. LCSW." }) credential!: string;
  @Field({ description: "Whether licensed to provide psychotherapy." }) licensed!: boolean;
  @Field(() => DateScalar, { nullable: true, description: "Last day the license is valid." }) licenseExpiresOn?: string | null;
}
