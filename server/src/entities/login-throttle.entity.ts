import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "login_throttle" })
export class LoginThrottleEntity {
  @PrimaryColumn("text") email!: string;
  @Column("integer") failures!: number;
  @Column("timestamptz", { name: "locked_until", nullable: true }) lockedUntil!: Date | null;
  @Column("timestamptz", { name: "updated_at" }) updatedAt!: Date;
}
