import { Field, ID, Int, ObjectType } from "type-graphql";
import type { MemberLocation, Modality } from "../../domain/engine/index.js";
import type { AttendanceStatus } from "../../entities/index.js";
import { AttendanceStatusEnum, MemberLocationEnum, ModalityEnum } from "../enums.js";
import { DateScalar, DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "One meeting of a group, with its attendance, documentation, notes and claim lines." })
export class GroupSession {
  @Field(() => ID, { description: "The session's id." }) id!: string;
  @Field(() => DateTimeScalar, { description: "When the session started." }) startsAt!: Date;
  @Field(() => Int, { description: "Length in minutes." }) durationMinutes!: number;
  @Field(() => ModalityEnum, { description: "In person, video or audio only." }) modality!: Modality;
  @Field(() => String, { nullable: true, description: "Place of service for in-person lines; null uses the practice's default." })
  placeOfService!: string | null;
  @Field(() => String, { nullable: true, description: "Topics covered (group documentation)." }) topics!: string | null;
  @Field(() => String, { nullable: true, description: "Therapeutic interventions used (group documentation)." }) interventions!: string | null;
  @Field(() => Int, { description: "Increases with every change; send it back as expectedVersion to avoid overwriting someone else's edit." })
  version!: number;
  @Field(() => DateScalar, { name: "date", description: "The service date: the start's local date in the practice's time zone." })
  serviceDate!: string;
  groupId!: string;
  leaderId!: string;
  supervisorId!: string | null;
}

@ObjectType({ description: "Whether one client attended a session." })
export class Attendance {
  @Field(() => AttendanceStatusEnum, { description: "PRESENT, ABSENT or EXCUSED." }) status!: AttendanceStatus;
  @Field(() => Int, { nullable: true, description: "Minutes the member attended; null when not recorded (the whole session)." }) minutesAttended!: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the member arrived, if recorded." }) arrivedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the member left, if recorded." }) departedAt!: Date | null;
  @Field(() => MemberLocationEnum, { nullable: true, description: "Where the member joined a telehealth session from, if recorded." }) location!: MemberLocation | null;
  @Field(() => String, { nullable: true, description: "Why the session was of interactive complexity for the member (add-on 90785, where the payer pays it); null when not flagged." })
  interactiveComplexityReason!: string | null;
  clientId!: string;
}
