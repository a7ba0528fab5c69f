import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../scalars.js";

@ObjectType({ description: "A person who leads groups; the rendering provider on claims." })
export class Clinician {
  @Field(() => ID, { description: "The clinician's id." }) id!: string;
  @Field({ description: "Full name." }) name!: string;
  @Field(() => String, { nullable: true, description: "Legal first name as claims carry it (837P 2310B NM104)." }) firstName!: string | null;
  @Field({ description: "Legal last name as claims carry it (NM103)." }) lastName!: string;
  @Field(() => String, { nullable: true, description: "Individual taxonomy code (PRV*PE); null when not recorded." }) taxonomyCode!: string | null;
  @Field({ description: "Individual (type 1) NPI." }) npi!: string;
  @Field({ description: "Credential, e.g. LCSW, PhD, CPRS." }) credential!: string;
  @Field({ description: "Whether the clinician holds a license to provide psychotherapy." }) licensed!: boolean;
  @Field(() => DateScalar, { nullable: true, description: "Last day the license is valid; null when it does not expire or there is none." })
  licenseExpiresOn!: string | null;
  @Field(() => ID, { nullable: true, description: "The practice member who signs in as this clinician; null when none is linked." }) userId!: string | null;
}
