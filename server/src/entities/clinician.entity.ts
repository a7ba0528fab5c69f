import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "clinicians" })
export class ClinicianEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text") name!: string;
  /** The legal name the 837P sends (2310B NM104/NM103); the display name may carry credentials. */
  @Column("text", { name: "first_name", nullable: true }) firstName!: string | null;
  @Column("text", { name: "last_name" }) lastName!: string;
  /** Individual taxonomy code (2310B PRV03), e.g. 101YP2500X. */
  @Column("text", { name: "taxonomy_code", nullable: true }) taxonomyCode!: string | null;
  @Column("char", { length: 10 }) npi!: string;
  @Column("text") credential!: string;
  @Column("boolean") licensed!: boolean;
  @Column("date", { name: "license_expires_on", nullable: true }) licenseExpiresOn!: string | null;
  /** The user who signs in as this clinician; null when none is linked. */
  @Column("uuid", { name: "user_id", nullable: true }) userId!: string | null;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
