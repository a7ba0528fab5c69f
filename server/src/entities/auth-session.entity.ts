import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "auth_sessions" })
export class AuthSessionEntity {
  @PrimaryColumn("uuid") id!: string;
  @Column("bytea", { name: "token_hash" }) tokenHash!: Buffer;
  @Column("uuid", { name: "user_id" }) userId!: string;
  @Column("uuid", { name: "active_practice_id" }) activePracticeId!: string;
  @Column("timestamptz", { name: "created_at" }) createdAt!: Date;
  @Column("timestamptz", { name: "last_seen_at" }) lastSeenAt!: Date;
  @Column("timestamptz", { name: "expires_at" }) expiresAt!: Date;
  @Column("timestamptz", { name: "revoked_at", nullable: true }) revokedAt!: Date | null;
}
