import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "audit_events" })
export class AuditEventEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column({ type: "timestamptz", insert: false, update: false }) at!: Date;
  @Column("uuid", { name: "actor_user_id", nullable: true }) actorUserId!: string | null;
  @Column("text") action!: string;
  @Column("text", { name: "entity_type" }) entityType!: string;
  @Column("uuid", { name: "entity_id", nullable: true }) entityId!: string | null;
  @Column("jsonb", { nullable: true }) changes!: Record<string, unknown> | null;
  @Column("text", { name: "request_id", nullable: true }) requestId!: string | null;
}
