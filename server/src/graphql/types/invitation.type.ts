import { Field, ID, ObjectType } from "type-graphql";
import type { Role } from "../../auth/roles.js";
import { RoleEnum } from "../enums.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "An open offer to join a practice, made when addMember named an e-mail that already has an account." })
export class Invitation {
  @Field(() => ID, { description: "The invitation's id (for acceptInvitation, declineInvitation, revokeInvitation)." }) id!: string;
  @Field(() => ID, { description: "The practice that invites." }) practiceId!: string;
  @Field({ description: "The name of the practice that invites." }) practiceName!: string;
  @Field({ description: "The e-mail the practice typed." }) email!: string;
  @Field({ description: "The name the practice typed (not read from the account)." }) name!: string;
  @Field(() => RoleEnum, { description: "The role offered." }) role!: Role;
  @Field(() => DateTimeScalar, { description: "When the practice sent it." }) invitedAt!: Date;
}
