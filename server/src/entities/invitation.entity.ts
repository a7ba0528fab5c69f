import { Column, Entity, PrimaryColumn } from "typeorm";
import { ROLES, type Role } from "../auth/roles.js";

export type InvitationStatus = "PENDING" | "ACCEPTED" | "DECLINED" | "REVOKED";

@Entity({ name: "invitations" })
export class InvitationEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "user_id" }) userId!: string;
  @Column("text") email!: string;
  @Column("text") name!: string;
  @Column({ type: "enum", enumName: "role_kind", enum: ROLES }) role!: Role;
  @Column({ type: "enum", enumName: "invitation_status", enum: ["PENDING", "ACCEPTED", "DECLINED", "REVOKED"] }) status!: InvitationStatus;
  @Column("uuid", { name: "invited_by" }) invitedBy!: string;
  @Column({ type: "timestamptz", name: "invited_at", insert: false, update: false }) invitedAt!: Date;
  @Column("timestamptz", { name: "responded_at", nullable: true }) respondedAt!: Date | null;
}
