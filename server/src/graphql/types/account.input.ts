import { Field, ID, InputType } from "type-graphql";
import { RoleEnum } from "../enums.js";
import type { Role } from "../../auth/roles.js";

@InputType({ description: "Creates a practice and a new account as its owner." })
export class SignUpInput {
  @Field({ description: "The practice's name." }) practiceName!: string;
  @Field({ description: "The practice's organizational NPI (10 digits, valid check digit)." }) npi!: string;
  @Field({ description: "The owner's e-mail; one that already has an account is refused (sign in and use createPractice)." }) email!: string;
  @Field({ description: "At least 12 characters." }) password!: string;
  @Field({ description: "The owner's name." }) name!: string;
  @Field(() => String, { nullable: true, description: "IANA time zone; defaults to America/New_York." }) timezone?: string | null;
}

@InputType({ description: "Another practice for the signed-in user, who becomes its owner." })
export class CreatePracticeInput {
  @Field({ description: "The practice's name." }) practiceName!: string;
  @Field({ description: "The practice's organizational NPI (10 digits, valid check digit)." }) npi!: string;
  @Field(() => String, { nullable: true, description: "IANA time zone; defaults to America/New_York." }) timezone?: string | null;
}

@InputType({ description: "Signs in, optionally into a given practice." })
export class LogInInput {
  @Field({ description: "The account's e-mail." }) email!: string;
  @Field({ description: "The account's password." }) password!: string;
  @Field(() => ID, { nullable: true, description: "The practice to act in; defaults to the user's first practice." }) practiceId?: string | null;
}

@InputType({ description: "Adds a colleague to the active practice, or invites them when the e-mail already has an account." })
export class AddMemberInput {
  @Field({ description: "Their e-mail; an existing account is invited and joins once it accepts." }) email!: string;
  @Field({ description: "Their name (names a new account; for an invitation it is only what this practice sees)." }) name!: string;
  @Field({ description: "Their initial password, at least 12 characters (used only for a new account)." }) password!: string;
  @Field(() => RoleEnum, { description: "Their role in this practice." }) role!: Role;
}
