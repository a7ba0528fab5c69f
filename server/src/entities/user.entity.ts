import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "users" })
export class UserEntity {
  @PrimaryColumn("uuid") id!: string;
  @Column("text") email!: string;
  @Column("text") name!: string;
  @Column("text", { name: "password_hash" }) passwordHash!: string;
  @CreateDateColumn({ name: "created_at", type: "timestamptz" }) createdAt!: Date;
}
