import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import { GROUP_KINDS, type GroupKind } from "../domain/engine/index.js";

@Entity({ name: "therapy_groups" })
export class TherapyGroupEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text") name!: string;
  @Column({ type: "enum", enumName: "group_kind", enum: GROUP_KINDS })
  kind!: GroupKind;
  @Column("boolean", { name: "has_psychotherapy_component" }) hasPsychotherapyComponent!: boolean;
  @Column("uuid", { name: "leader_id" }) leaderId!: string;
  @Column("integer", { name: "default_duration_minutes" }) defaultDurationMinutes!: number;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
