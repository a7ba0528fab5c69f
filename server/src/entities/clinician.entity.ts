import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "clinicians" })
export class ClinicianEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text") name!: string;
  @Column("char", { length: 10 }) npi!: string;
  @Column("text") credential!: string;
  @Column("boolean") licensed!: boolean;
  @Column("date", { name: "license_expires_on", nullable: true }) licenseExpiresOn!: string | null;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
