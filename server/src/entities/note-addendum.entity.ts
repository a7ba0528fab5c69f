import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "note_addenda" })
export class NoteAddendumEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "note_id" }) noteId!: string;
  @Column("text") text!: string;
  @Column("uuid", { name: "author_id" }) authorId!: string;
  @Column({ type: "timestamptz", name: "created_at", insert: false, update: false }) createdAt!: Date;
}
