import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";
import { ROLES, type Role } from "../auth/roles.js";

@Entity({ name: "memberships" })
export class MembershipEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid", { name: "user_id" }) userId!: string;
  @Column({ type: "enum", enumName: "role_kind", enum: ROLES }) role!: Role;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
