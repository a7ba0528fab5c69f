import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "group_members" })
export class GroupMemberEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "group_id" }) groupId!: string;
  @Column("uuid", { name: "client_id" }) clientId!: string;
  @Column("integer") position!: number;
}
