import { Column, Entity, PrimaryColumn } from "typeorm";
import { ATTENDANCE_STATUSES, type AttendanceStatus, type MemberLocation } from "../domain/engine/index.js";

export type { AttendanceStatus };

@Entity({ name: "attendance" })
export class AttendanceEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "session_id" }) sessionId!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column({ type: "enum", enumName: "attendance_status", enum: ATTENDANCE_STATUSES }) status!: AttendanceStatus;
  @Column("timestamptz", { name: "recorded_at" }) recordedAt!: Date;
  /** Null when not recorded: the member attended the whole session. */
  @Column("integer", { name: "minutes_attended", nullable: true }) minutesAttended!: number | null;
  @Column("timestamptz", { name: "arrived_at", nullable: true }) arrivedAt!: Date | null;
  @Column("timestamptz", { name: "departed_at", nullable: true }) departedAt!: Date | null;
  /** Where the member joined a telehealth session from; null when not recorded. */
  @Column("text", { nullable: true }) location!: MemberLocation | null;
  /** Why the session was of interactive complexity for this member (bills 90785 where the payer pays it); null when not flagged. */
  @Column("text", { name: "interactive_complexity_reason", nullable: true }) interactiveComplexityReason!: string | null;
}
