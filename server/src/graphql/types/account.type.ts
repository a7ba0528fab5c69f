import { Field, ID, ObjectType } from "type-graphql";
import { RoleEnum, UsageIndicatorEnum } from "../enums.js";
import type { Role } from "../../auth/roles.js";
import type { UsageIndicator } from "../../domain/export/index.js";

@ObjectType({ description: "A person who can sign in; one user may belong to several practices." })
export class User {
  @Field(() => ID, { description: "The user's id." }) id!: string;
  @Field({ description: "The sign-in e-mail, lower-cased." }) email!: string;
  @Field({ description: "The name shown to colleagues and in the audit log." }) name!: string;
}

@ObjectType({ description: "A group practice: the tenant that owns every payer, client, session and claim." })
export class Practice {
  @Field(() => ID, { description: "The practice's id." }) id!: string;
  @Field({ description: "The practice's name as billed (837P billing provider)." }) name!: string;
  @Field({ description: "The practice's organizational (type 2) NPI." }) npi!: string;
  @Field({ description: "IANA time zone; a session's service date is its local date here." }) timezone!: string;
  @Field({ description: "Place of service for in-person sessions that do not name one (11 = office)." }) defaultPlaceOfService!: string;
  @Field(() => String, { nullable: true, description: "Federal tax id (EIN, 9 digits); needed for 837P." }) taxId!: string | null;
  @Field(() => String, { nullable: true, description: "Billing provider taxonomy code; needed for 837P." }) taxonomyCode!: string | null;
  @Field(() => String, { nullable: true, description: "Billing street address; needed for 837P." }) addressLine1!: string | null;
  @Field(() => String, { nullable: true, description: "Billing city." }) addressCity!: string | null;
  @Field(() => String, { nullable: true, description: "Billing state (two letters)." }) addressState!: string | null;
  @Field(() => String, { nullable: true, description: "Billing ZIP (5 or 9 digits)." }) addressZip!: string | null;
  @Field(() => String, { nullable: true, description: "Billing contact phone (10 digits)." }) phone!: string | null;
  @Field(() => String, { nullable: true, description: "The clearinghouse that receives 837P files (receiver name)." }) clearinghouseName!: string | null;
  @Field(() => String, { nullable: true, description: "The clearinghouse's receiver id (ISA08, GS03, 1000B NM109); needed before a batch is made." }) clearinghouseId!: string | null;
  @Field(() => String, { nullable: true, description: "The practice's submitter id as the clearinghouse enrolled it (ISA06, GS02, 1000A NM109); needed before a batch is made." })
  submitterId!: string | null;
  @Field(() => String, { nullable: true, description: "Submitter name (1000A NM103); needed before a batch is made." }) submitterName!: string | null;
  @Field(() => String, { nullable: true, description: "Billing contact person the clearinghouse calls (1000A PER02); needed before a batch is made." })
  submitterContactName!: string | null;
  @Field(() => UsageIndicatorEnum, { nullable: true, description: "ISA15 of new batches: T (test) or P (production); needed before a batch is made." })
  x12UsageIndicator!: UsageIndicator | null;
}

@ObjectType({ description: "A user's role in one practice." })
export class Membership {
  @Field(() => User, { description: "The member." }) user!: User;
  @Field(() => Practice, { description: "The practice." }) practice!: Practice;
  @Field(() => RoleEnum, { description: "What the member may do there." }) role!: Role;
}

@ObjectType({ description: "The signed-in user, the practice they are acting in, and every practice they may switch to." })
export class Viewer {
  @Field(() => User, { description: "The signed-in user." }) user!: User;
  @Field(() => Practice, { description: "The active practice." }) practice!: Practice;
  @Field(() => RoleEnum, { description: "The user's role in the active practice." }) role!: Role;
  @Field(() => [Membership], { description: "Every practice the user belongs to, oldest first (for a practice switcher)." })
  memberships!: Membership[];
}

@ObjectType({ description: "The result of signing up or in: a bearer token and who it acts as." })
export class AuthPayload {
  @Field({ description: "Send as `Authorization: Bearer <token>`. Expires after 30 idle minutes and 12 hours at most." })
  token!: string;
  @Field(() => Viewer, { description: "The user and practice the token acts as." }) viewer!: Viewer;
}
