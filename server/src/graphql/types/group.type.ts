import { Field, ID, Int, ObjectType } from "type-graphql";
import type { GroupKind } from "../../domain/engine/index.js";
import { GroupKindEnum } from "../enums.js";

@ObjectType({ description: "A therapy group: who leads it, what kind it is, and who belongs to it." })
export class TherapyGroup {
  @Field(() => ID, { description: "The group's id." }) id!: string;
  @Field({ description: "The group's name, e.g. DBT Skills Tuesday." }) name!: string;
  @Field(() => GroupKindEnum, { description: "What kind of group it is." }) kind!: GroupKind;
  @Field({ description: "Whether the group includes psychotherapy (psychoeducation and support groups without it are not 90853)." })
  hasPsychotherapyComponent!: boolean;
  @Field(() => Int, { description: "Usual session length in minutes." }) defaultDurationMinutes!: number;
  leaderId!: string;
}
