import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType({ description: "A change someone made, recorded in the same transaction as the change." })
export class AuditEvent {
  @Field(() => ID, { description: "The event's id." }) id!: string;
  @Field(() => DateTimeScalar, { description: "When it happened." }) at!: Date;
  @Field({ description: "What was done, e.g. payer.setRules." }) action!: string;
  @Field({ description: "The kind of thing changed, e.g. Payer." }) entityType!: string;
  @Field(() => ID, { nullable: true, description: "The id of the thing changed." }) entityId!: string | null;
  @Field(() => JSONScalar, { nullable: true, description: "Changed fields as { field: { before, after } }." }) changes!: unknown;
  actorUserId!: string | null;
}
