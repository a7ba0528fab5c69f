import { Field, InputType } from "type-graphql";
import { DateScalar } from "../scalars.js";

@InputType({ description: "A new clinician." })
export class CreateClinicianInput {
  @Field({ description: "Full name." }) name!: string;
  @Field({ description: "Individual NPI (10 digits, valid check digit)." }) npi!: string;
  @Field({ description: "Credential, e.g. LCSW." }) credential!: string;
  @Field({ description: "Whether licensed to provide psychotherapy." }) licensed!: boolean;
  @Field(() => DateScalar, { nullable: true, description: "Last day the license is valid." }) licenseExpiresOn?: string | null;
  @Field(() => String, { nullable: true, description: "Legal first name for claims (837P 2310B NM104); taken from `name` when first and last are omitted." })
  firstName?: string | null;
  @Field(() => String, { nullable: true, description: "Legal last name for claims (NM103); required when firstName is given." }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: "Individual taxonomy code, 10 characters ending in X (e.g. 1041C0700X); sent as PRV*PE." }) taxonomyCode?: string | null;
}

@InputType({ description: "Changes to a clinician; omitted fields are kept. The NPI cannot change." })
export class UpdateClinicianInput {
  @Field(() => String, { nullable: true, description: "Full name." }) name?: string | null;
  @Field(() => String, { nullable: true, description: "Credential, e.g. LCSW." }) credential?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Whether licensed to provide psychotherapy." }) licensed?: boolean | null;
  @Field(() => DateScalar, { nullable: true, description: "Last day the license is valid; null: does not expire." }) licenseExpiresOn?: string | null;
  @Field(() => String, { nullable: true, description: "Legal first name for claims (NM104); null clears it." }) firstName?: string | null;
  @Field(() => String, { nullable: true, description: "Legal last name for claims (NM103)." }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: "Individual taxonomy code (PRV*PE); null clears it." }) taxonomyCode?: string | null;
}
