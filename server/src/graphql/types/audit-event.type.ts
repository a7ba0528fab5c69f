import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar, JSONScalar } from "../scalars.js";

@ObjectType({ description: "An id an audit event mentions and the name it has in the practice." })
export class AuditName {
  @Field(() => ID, { description: "The id, as the event holds it." }) id!: string;
  @Field({ description: "A client's or clinician's name, a group, a payer, a batch number, a session's group and day." }) name!: string;
}

@ObjectType({ description: "A change someone made, recorded in the same transaction as the change." })
export class AuditEvent {
  @Field(() => ID, { description: "The event's id." }) id!: string;
  @Field(() => DateTimeScalar, { description: "When it happened." }) at!: Date;
  @Field({ description: "What was done, e.g. payer.setRules." }) action!: string;
  @Field({ description: "The kind of thing changed, e.g. Payer." }) entityType!: string;
  @Field(() => ID, { nullable: true, description: "The id of the thing changed." }) entityId!: string | null;
  @Field(() => JSONScalar, { nullable: true, description: "Changed fields as { field: { before, after } }." }) changes!: unknown;
  @Field(() => String, { nullable: true, description: "What entityId names, in words (e.g. the client's name); null when it no longer exists or has no name." })
  entityName!: string | null;
  @Field(() => [AuditName], { description: "The names of the ids in entityId and changes (leaders, payers, members, attendance by client), resolved in this practice." })
  names!: AuditName[];
  actorUserId!: string | null;
}
