import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

@Entity({ name: "clients" })
export class ClientEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("text", { name: "first_name" }) firstName!: string;
  @Column("text", { name: "last_name" }) lastName!: string;
  @Column("date", { name: "date_of_birth" }) dateOfBirth!: string;
  @Column("text", { name: "diagnosis_codes", array: true }) diagnosisCodes!: string[];
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" }) updatedAt!: Date;
}
