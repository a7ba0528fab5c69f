import { Field, ID, InputType, Int } from "type-graphql";
import type { GroupKind, MemberLocation, Modality } from "../../domain/engine/index.js";
import type { AttendanceStatus } from "../../entities/index.js";
import { AttendanceStatusEnum, GroupKindEnum, MemberLocationEnum, ModalityEnum } from "../enums.js";
import { DateTimeScalar } from "../scalars.js";

@InputType({ description: "A new therapy group." })
export class CreateGroupInput {
  @Field({ description: "Name." }) name!: string;
  @Field(() => GroupKindEnum, { description: "Kind of group." }) kind!: GroupKind;
  @Field({ description: "Whether it includes psychotherapy." }) hasPsychotherapyComponent!: boolean;
  @Field(() => ID, { description: "The leading clinician." }) leaderId!: string;
  @Field(() => Int, { description: "Usual length in minutes (1-480)." }) defaultDurationMinutes!: number;
  @Field(() => [ID], { description: "The clients who belong to the group." }) memberIds!: string[];
}

@InputType({ description: "Changes a group; omitted fields are kept, `memberIds` replaces the whole member list." })
export class UpdateGroupInput {
  @Field(() => String, { nullable: true, description: "Name." }) name?: string | null;
  @Field(() => GroupKindEnum, { nullable: true, description: "Kind of group." }) kind?: GroupKind | null;
  @Field(() => Boolean, { nullable: true, description: "Whether it includes psychotherapy." }) hasPsychotherapyComponent?: boolean | null;
  @Field(() => ID, { nullable: true, description: "The leading clinician (future sessions default to them)." }) leaderId?: string | null;
  @Field(() => Int, { nullable: true, description: "Usual length in minutes (1-480)." }) defaultDurationMinutes?: number | null;
  @Field(() => [ID], { nullable: true, description: "The complete new list of members." }) memberIds?: string[] | null;
}

@InputType({ description: "A new session of a group." })
export class ScheduleSessionInput {
  @Field(() => ID, { description: "The group." }) groupId!: string;
  @Field(() => DateTimeScalar, { description: "Start time (ISO-8601 instant)." }) startsAt!: Date;
  @Field(() => Int, { description: "Length in minutes (1-480)." }) durationMinutes!: number;
  @Field(() => ModalityEnum, { description: "In person, video or audio only." }) modality!: Modality;
  @Field(() => ID, { nullable: true, description: "The leader; defaults to the group's leader." }) leaderId?: string | null;
  @Field(() => ID, { nullable: true, description: "A licensed clinician supervising an unlicensed leader (for payers that accept supervised leaders); must differ from the leader." })
  supervisorId?: string | null;
  @Field(() => String, { nullable: true, description: "Place of service; defaults to the practice's." }) placeOfService?: string | null;
}

@InputType({ description: "Changes to a session; omitted fields are kept." })
export class UpdateSessionInput {
  @Field(() => DateTimeScalar, { nullable: true, description: "New start time." }) startsAt?: Date | null;
  @Field(() => Int, { nullable: true, description: "New length in minutes." }) durationMinutes?: number | null;
  @Field(() => ModalityEnum, { nullable: true, description: "New modality." }) modality?: Modality | null;
  @Field(() => ID, { nullable: true, description: "New leader." }) leaderId?: string | null;
  @Field(() => ID, { nullable: true, description: "New supervisor of an unlicensed leader; null removes the supervisor." }) supervisorId?: string | null;
  @Field(() => String, { nullable: true, description: "Place of service; null uses the practice's default." }) placeOfService?: string | null;
  @Field(() => String, { nullable: true, description: "Topics covered." }) topics?: string | null;
  @Field(() => String, { nullable: true, description: "Interventions used." }) interventions?: string | null;
  @Field(() => Int, { nullable: true, description: "The version you loaded; a stale one fails with CONFLICT." }) expectedVersion?: number | null;
}

@InputType({ description: "One client's attendance." })
export class AttendanceInput {
  @Field(() => ID, { description: "The client." }) clientId!: string;
  @Field(() => AttendanceStatusEnum, { description: "PRESENT, ABSENT or EXCUSED." }) status!: AttendanceStatus;
  @Field(() => Int, {
    nullable: true,
    description: "Minutes the member attended (0 to the session's length), for payers with a minimum; omit to keep what is recorded, null to clear (the whole session). Only for PRESENT; not with arrivedAt/departedAt.",
  })
  minutesAttended?: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the member arrived; give with departedAt to record the minutes attended. Omit to keep, null to clear both." })
  arrivedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the member left; give with arrivedAt." })
  departedAt?: Date | null;
  @Field(() => MemberLocationEnum, { nullable: true, description: "Where the member joined a telehealth session from; omit to keep, null to clear. Only for PRESENT members of telehealth sessions." })
  location?: MemberLocation | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Interactive complexity (add-on 90785) for this member: true flags it (interactiveComplexityReason required), false clears it; omit or null to keep. Only for PRESENT members.",
  })
  interactiveComplexity?: boolean | null;
  @Field(() => String, { nullable: true, description: "What made the session of interactive complexity for the member (1-500 characters); required with interactiveComplexity: true, given only with it." })
  interactiveComplexityReason?: string | null;
}

@InputType({ description: "A few words about one member for their drafted note." })
export class DraftMemberNoteInput {
  @Field(() => ID, { description: "A member marked present." }) clientId!: string;
  @Field(() => String, { nullable: true, description: "What stood out about the member, in a few words (at most 500 characters)." }) words?: string | null;
}

@InputType({ description: "Writes a member's note for a session; omitted sections are kept, null clears one." })
export class SaveMemberNoteInput {
  @Field(() => ID, { description: "The session." }) sessionId!: string;
  @Field(() => ID, { description: "The member." }) clientId!: string;
  @Field(() => String, { nullable: true, description: "How the member took part." }) participation?: string | null;
  @Field(() => String, { nullable: true, description: "The member's response." }) response?: string | null;
  @Field(() => String, { nullable: true, description: "Interventions used with the member." }) interventions?: string | null;
  @Field(() => String, { nullable: true, description: "Progress toward goals." }) progress?: string | null;
  @Field(() => String, { nullable: true, description: "Plan." }) plan?: string | null;
  @Field(() => String, { nullable: true, description: "Risk assessment." }) risk?: string | null;
  @Field(() => Int, { nullable: true, description: "The version you loaded (0 for a new note); a stale one fails with CONFLICT." }) expectedVersion?: number | null;
}
