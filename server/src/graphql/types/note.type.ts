import { Field, ID, Int, ObjectType } from "type-graphql";
import type { NoteElement } from "../../domain/engine/index.js";
import { NoteElementEnum } from "../enums.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "A dated amendment to a signed note; signed notes themselves never change." })
export class NoteAddendum {
  @Field({ description: "The amendment." }) text!: string;
  @Field(() => DateTimeScalar, { description: "When it was added (and signed by its author)." }) createdAt!: Date;
  @Field(() => NoteElementEnum, { nullable: true, description: "The note element this addendum completes; a signed addendum for a required element satisfies it." })
  element!: NoteElement | null;
  authorId!: string;
}

@ObjectType({ description: "The individual progress note for one member of one session." })
export class MemberNote {
  @Field(() => ID, { description: "The note's id." }) id!: string;
  @Field(() => String, { nullable: true, description: "How the member took part." }) participation!: string | null;
  @Field(() => String, { nullable: true, description: "The member's response to the interventions." }) response!: string | null;
  @Field(() => String, { nullable: true, description: "Interventions used with this member." }) interventions!: string | null;
  @Field(() => String, { nullable: true, description: "Progress toward treatment goals." }) progress!: string | null;
  @Field(() => String, { nullable: true, description: "The plan for next steps." }) plan!: string | null;
  @Field(() => String, { nullable: true, description: "Risk assessment." }) risk!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the note was signed; null while it is a draft." }) signedAt!: Date | null;
  @Field(() => Int, { description: "Increases with every save; send it back as expectedVersion." }) version!: number;
  clientId!: string;
  sessionId!: string;
  signedBy!: string | null;
}
