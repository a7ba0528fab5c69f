import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { MODALITIES, type Modality } from "../domain/engine/index.js";

@Entity({ name: "group_sessions" })
export class GroupSessionEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "group_id" }) groupId!: string;
  @Column("timestamptz", { name: "starts_at" }) startsAt!: Date;
  /** The local date in the practice's time zone: the claim's service date. */
  @Column("date", { name: "service_date" }) serviceDate!: string;
  @Column("integer", { name: "duration_minutes" }) durationMinutes!: number;
  @Column({ type: "enum", enumName: "modality", enum: MODALITIES }) modality!: Modality;
  @Column("char", { name: "place_of_service", length: 2, nullable: true }) placeOfService!: string | null;
  @Column("uuid", { name: "leader_id" }) leaderId!: string;
  /** Licensed clinician supervising an unlicensed leader; different from the leader. */
  @Column("uuid", { name: "supervisor_id", nullable: true }) supervisorId!: string | null;
  @Column("text", { nullable: true }) topics!: string | null;
  @Column("text", { nullable: true }) interventions!: string | null;
  @Column("integer") version!: number;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" }) updatedAt!: Date;
}
