import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

@Entity({ name: "member_notes" })
export class MemberNoteEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "session_id" }) sessionId!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("text", { nullable: true }) participation!: string | null;
  @Column("text", { nullable: true }) response!: string | null;
  @Column("text", { nullable: true }) interventions!: string | null;
  @Column("text", { nullable: true }) progress!: string | null;
  @Column("text", { nullable: true }) plan!: string | null;
  @Column("text", { nullable: true }) risk!: string | null;
  @Column("timestamptz", { name: "signed_at", nullable: true }) signedAt!: Date | null;
  @Column("uuid", { name: "signed_by", nullable: true }) signedBy!: string | null;
  @Column("integer") version!: number;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" }) updatedAt!: Date;
}
