import { Column, Entity, PrimaryColumn } from "typeorm";
import type { NoteElement } from "../domain/engine/index.js";

@Entity({ name: "note_addenda" })
export class NoteAddendumEntity {
  @PrimaryColumn("uuid", { name: "practice_id" }) practiceId!: string;
  @PrimaryColumn("uuid") id!: string;
  @Column("uuid", { name: "note_id" }) noteId!: string;
  @Column("text") text!: string;
  /** The note element this addendum completes; null for a free-standing correction or remark. */
  @Column("text", { nullable: true }) element!: NoteElement | null;
  @Column("uuid", { name: "author_id" }) authorId!: string;
  @Column({ type: "timestamptz", name: "created_at", insert: false, update: false }) createdAt!: Date;
}
