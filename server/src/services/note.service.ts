import { randomUUID } from "node:crypto";
import { In, QueryFailedError, type EntityManager } from "typeorm";
import { DEFAULT_DRAFT_ELEMENTS, draftSections } from "../domain/notes/drafting.js";
import { evaluateSessions } from "../domain/engine/index.js";
import { AttendanceEntity, ClientEntity, ClinicianEntity, GroupSessionEntity, MemberNoteEntity, NoteAddendumEntity, TherapyGroupEntity } from "../entities/index.js";
import { loadFactsForDates } from "./claim-facts.js";
import { DomainError, ErrorCode, assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { driverErrorText, isUniqueViolation, returnedRows } from "./db-errors.js";
import { NOTE_ELEMENTS, type NoteElement } from "../domain/validation/index.js";
import { isUuid } from "./ids.js";
import type { Actor, RequestMeta } from "./request-context.js";

export const NOTE_FIELDS = ["participation", "response", "interventions", "progress", "plan", "risk"] as const;
type NoteField = (typeof NOTE_FIELDS)[number];

export type SaveMemberNoteInput = { sessionId: string; clientId: string; expectedVersion?: number | null } & { [K in NoteField]?: string | null };

const MAX_NOTE_FIELD = 10_000;
const MAX_DRAFT_WORDS = 500;
const SIGNED = () => conflict("This note is signed and can no longer be changed; add an addendum instead");
const STALE = () => conflict("Someone else saved this note since you loaded it; reload it and apply your change again");

/** The signed-note trigger (SQLSTATE GB001) is the last line of defense; it surfaces as the same CONFLICT. */
function isSignedNoteViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && driverErrorText(error, "code") === "GB001";
}

function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  return value.trim() === "" ? null : value.trim();
}

export class NoteService {
  constructor(private readonly db: Database) {}

  async save(actor: Actor, input: SaveMemberNoteInput, meta: RequestMeta): Promise<MemberNoteEntity> {
    const errors: FieldError[] = [];
    for (const field of NOTE_FIELDS) {
      if ((input[field]?.length ?? 0) > MAX_NOTE_FIELD) errors.push({ field, message: `At most ${MAX_NOTE_FIELD} characters` });
    }
    if (input.expectedVersion != null && (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0)) {
      errors.push({ field: "expectedVersion", message: "expectedVersion must be the version this note returned (0 for a new note)" });
    }
    assertValid(errors);
    if (!isUuid(input.sessionId)) throw notFound("Session");
    if (!isUuid(input.clientId)) throw notFound("Client");

    return this.db.inPractice(actor, async (manager) => {
      if (!(await manager.existsBy(GroupSessionEntity, { id: input.sessionId }))) throw notFound("Session");
      if (!(await manager.existsBy(ClientEntity, { id: input.clientId }))) throw notFound("Client");
      try {
        return await this.upsert(manager, actor, input, meta);
      } catch (error) {
        if (isSignedNoteViolation(error)) throw SIGNED();
        // Two first saves raced; the loser retries as an update against the winner's version.
        if (isUniqueViolation(error, "member_notes_unique")) throw STALE();
        throw error;
      }
    });
  }

  /**
   * Drafts the note of every member present who has no signed note, from the session's documentation, each member's
   * few words and the group kind's templates, filling the elements the member's payer requires (a common set when it
   * lists none). Only empty sections are written, so nothing a clinician wrote is replaced; nothing is signed.
   */
  async draft(actor: Actor, sessionId: string, members: { clientId: string; words?: string | null }[], meta: RequestMeta): Promise<MemberNoteEntity[]> {
    const errors: FieldError[] = [];
    if (members.length > 200) errors.push({ field: "members", message: "At most 200 members per call" });
    members.forEach((m, i) => {
      if ((m.words?.length ?? 0) > MAX_DRAFT_WORDS) errors.push({ field: `members[${i}].words`, message: `At most ${MAX_DRAFT_WORDS} characters; the draft is for a few words, the note for the rest` });
      if (members.findIndex((x) => x.clientId === m.clientId) !== i) errors.push({ field: `members[${i}].clientId`, message: "Each member may appear once per call" });
    });
    assertValid(errors);
    if (!isUuid(sessionId)) throw notFound("Session");
    if (!members.every((m) => isUuid(m.clientId))) throw notFound("Client");
    return this.db.inPractice(actor, async (manager) => {
      const session = await manager.findOne(GroupSessionEntity, { where: { id: sessionId }, lock: { mode: "pessimistic_write" } });
      if (!session) throw notFound("Session");
      const present = await manager.findBy(AttendanceEntity, { sessionId, status: "PRESENT" });
      const presentIds = new Set(present.map((a) => a.clientId));
      const absent: FieldError[] = [];
      members.forEach((m, i) => {
        if (!presentIds.has(m.clientId)) absent.push({ field: `members[${i}].clientId`, message: "This member is not marked present at the session; record attendance first" });
      });
      // A client of another practice is as unknown as an absent one: the same answer, nothing about it revealed.
      assertValid(absent);
      const group = await manager.findOneByOrFail(TherapyGroupEntity, { id: session.groupId });
      const clients = present.length ? await manager.findBy(ClientEntity, { id: In(present.map((a) => a.clientId)) }) : [];
      const notes = present.length ? await manager.findBy(MemberNoteEntity, { sessionId }) : [];
      const facts = await loadFactsForDates(manager, actor.practiceId, { dates: [session.serviceDate] });
      const required = new Map(evaluateSessions(facts.input).filter((d) => d.sessionId === sessionId).map((d) => [d.clientId, d.requiredNoteElements]));
      const words = new Map(members.map((m) => [m.clientId, m.words ?? null]));
      const drafted: MemberNoteEntity[] = [];
      for (const attendance of [...present].sort((a, b) => (a.clientId < b.clientId ? -1 : 1))) {
        const note = notes.find((n) => n.clientId === attendance.clientId);
        if (note?.signedAt) continue;
        const client = clients.find((c) => c.id === attendance.clientId)!;
        const elements = required.get(client.id)?.length ? required.get(client.id)! : DEFAULT_DRAFT_ELEMENTS;
        const sections = draftSections(
          {
            firstName: client.firstName,
            groupKind: group.kind,
            topics: session.topics,
            interventions: session.interventions,
            words: words.get(client.id) ?? null,
            durationMinutes: session.durationMinutes,
            minutesAttended: attendance.minutesAttended,
          },
          elements,
        );
        const input: SaveMemberNoteInput = { sessionId, clientId: client.id };
        let filling = false;
        for (const element of NOTE_ELEMENTS) {
          const text = sections[element];
          if (text === undefined) continue;
          // Each note column is its element's name in lower case (NOTE_FIELDS); toLowerCase() is typed string.
          const field = element.toLowerCase() as NoteField;
          if (note?.[field]?.trim()) continue;
          input[field] = text;
          filling = true;
        }
        if (!filling) continue;
        drafted.push(await this.upsert(manager, actor, input, meta));
      }
      return drafted;
    });
  }

  private async upsert(manager: EntityManager, actor: Actor, input: SaveMemberNoteInput, meta: RequestMeta): Promise<MemberNoteEntity> {
    const before = await manager.findOne(MemberNoteEntity, { where: { sessionId: input.sessionId, clientId: input.clientId }, lock: { mode: "pessimistic_write" } });
    const expected = input.expectedVersion ?? null;
    if (!before) {
      if (expected !== null && expected !== 0) throw STALE();
      const note = manager.create(MemberNoteEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        sessionId: input.sessionId,
        clientId: input.clientId,
        signedAt: null,
        signedBy: null,
        version: 1,
      });
      for (const field of NOTE_FIELDS) note[field] = cleanText(input[field]);
      await manager.insert(MemberNoteEntity, note);
      await this.audit(manager, actor, meta, "note.create", note.id, changedFields(null, note, NOTE_FIELDS));
      return (await manager.findOneBy(MemberNoteEntity, { id: note.id }))!;
    }
    if (before.signedAt) throw SIGNED();
    if (expected !== null && expected !== before.version) throw STALE();
    const after = { ...before };
    for (const field of NOTE_FIELDS) if (input[field] !== undefined) after[field] = cleanText(input[field]);
    const rows = returnedRows<{ id: string }>(await manager.query(
      `UPDATE member_notes SET participation = $3, response = $4, interventions = $5, progress = $6, plan = $7, risk = $8,
              version = version + 1, updated_at = now()
       WHERE practice_id = $1 AND id = $2 AND signed_at IS NULL AND version = $9 RETURNING id`,
      [actor.practiceId, before.id, after.participation, after.response, after.interventions, after.progress, after.plan, after.risk, before.version],
    ));
    if (rows.length === 0) throw STALE();
    await this.audit(manager, actor, meta, "note.update", before.id, changedFields(before, after, NOTE_FIELDS));
    return (await manager.findOneBy(MemberNoteEntity, { id: before.id }))!;
  }

  async sign(actor: Actor, id: string, meta: RequestMeta): Promise<MemberNoteEntity> {
    if (!isUuid(id)) throw notFound("Note");
    return this.db.inPractice(actor, async (manager) => {
      const note = await manager.findOne(MemberNoteEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!note) throw notFound("Note");
      if (note.signedAt) throw conflict("This note is already signed");
      await assertMaySign(manager, actor, note.sessionId);
      if (NOTE_FIELDS.every((f) => note[f] === null)) {
        throw new DomainError(ErrorCode.BadUserInput, "An empty note cannot be signed; write it first", [{ field: "id", message: "The note has no content" }]);
      }
      await manager.query(`UPDATE member_notes SET signed_at = now(), signed_by = $3, version = version + 1 WHERE practice_id = $1 AND id = $2`, [
        actor.practiceId,
        id,
        actor.userId,
      ]);
      const signed = (await manager.findOneBy(MemberNoteEntity, { id }))!;
      await this.audit(manager, actor, meta, "note.sign", id, { signedAt: { before: null, after: signed.signedAt }, signedBy: { before: null, after: actor.userId } });
      return signed;
    });
  }

  /** An addendum is signed by its author as it is added; naming an element makes it complete that element. */
  async addAddendum(actor: Actor, noteId: string, text: string, meta: RequestMeta, element: NoteElement | null = null): Promise<MemberNoteEntity> {
    const trimmed = (text ?? "").trim();
    if (element !== null && !NOTE_ELEMENTS.includes(element)) assertValid([{ field: "element", message: `Element must be one of ${NOTE_ELEMENTS.join(", ")}` }]);
    if (trimmed === "") assertValid([{ field: "text", message: "An addendum needs text" }]);
    if (trimmed.length > MAX_NOTE_FIELD) assertValid([{ field: "text", message: `At most ${MAX_NOTE_FIELD} characters` }]);
    if (!isUuid(noteId)) throw notFound("Note");
    return this.db.inPractice(actor, async (manager) => {
      const note = await manager.findOneBy(MemberNoteEntity, { id: noteId });
      if (!note) throw notFound("Note");
      if (!note.signedAt) throw conflict("This note is not signed yet; edit the note itself instead of adding an addendum");
      const id = randomUUID();
      await manager.insert(NoteAddendumEntity, { practiceId: actor.practiceId, id, noteId, text: trimmed, element, authorId: actor.userId });
      await this.audit(manager, actor, meta, "note.addendum", noteId, { addendum: { before: null, after: { id, element, text: trimmed } } });
      return note;
    });
  }

  private audit(manager: EntityManager, actor: Actor, meta: RequestMeta, action: string, noteId: string, changes: Record<string, unknown>) {
    return writeAudit(manager, {
      practiceId: actor.practiceId,
      actorUserId: actor.userId,
      requestId: meta.requestId,
      action,
      entityType: "MemberNote",
      entityId: noteId,
      changes,
    });
  }
}

/**
 * A note is signed by the clinician who led or supervised the session. Once either of them is linked to a user,
 * only the linked users sign; while neither is linked (a practice that has not linked its clinicians), anyone
 * who may write notes still signs, as before links existed.
 */
async function assertMaySign(manager: EntityManager, actor: Actor, sessionId: string): Promise<void> {
  const session = await manager.findOneByOrFail(GroupSessionEntity, { id: sessionId });
  const ids = session.supervisorId ? [session.leaderId, session.supervisorId] : [session.leaderId];
  const clinicians = await manager.find(ClinicianEntity, { where: ids.map((id) => ({ id })) });
  const linked = clinicians.filter((c) => c.userId !== null);
  if (linked.length === 0 || linked.some((c) => c.userId === actor.userId)) return;
  throw new DomainError(
    ErrorCode.Forbidden,
    `Only the session's leader or supervisor signs its notes (${linked.map((c) => c.name).join(" or ")}). Ask them to sign it, or have an administrator link your account to the right clinician (Clinicians).`,
  );
}
