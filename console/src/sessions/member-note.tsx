import { useEffect, useState } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import type { ClaimLineFieldsFragment, MemberNoteFieldsFragment, NoteElement } from "../__generated__/graphql";
import { useViewer } from "../auth/viewer";
import { formatDateTime } from "../lib/dates";
import { errorCode, fieldErrorsOf } from "../lib/errors";
import { NOTE_ELEMENT_LABELS } from "../lib/labels";
import { ErrorMessage, Field, Notice, SavedStatus, StatusBadge, useFieldErrors } from "../ui/ui";
import { memberName } from "./claim-lines";
import { AddNoteAddendumDocument, SaveMemberNoteDocument, SignMemberNoteDocument } from "./sessions.documents";

type Sections = Record<"participation" | "response" | "interventions" | "progress" | "plan" | "risk", string>;
const SECTIONS: { key: keyof Sections; element: NoteElement; hint: string }[] = [
  { key: "participation", element: "PARTICIPATION", hint: "How the member took part" },
  { key: "response", element: "RESPONSE", hint: "Their response to the interventions" },
  { key: "interventions", element: "INTERVENTIONS", hint: "Interventions used with this member" },
  { key: "progress", element: "PROGRESS", hint: "Progress toward treatment goals" },
  { key: "plan", element: "PLAN", hint: "Next steps" },
  { key: "risk", element: "RISK", hint: "Risk assessment" },
];

function sectionsOf(note: MemberNoteFieldsFragment | null): Sections {
  return {
    participation: note?.participation ?? "",
    response: note?.response ?? "",
    interventions: note?.interventions ?? "",
    progress: note?.progress ?? "",
    plan: note?.plan ?? "",
    risk: note?.risk ?? "",
  };
}

const SAVE_OPTIONS = { refetchQueries: ["Session"], awaitRefetchQueries: true };

/** One member's progress note: a draft saved against its version, then signed, then only amended. */
export function MemberNoteCard({
  sessionId,
  client,
  note,
  line,
  canWrite,
}: {
  sessionId: string;
  client: { id: string; firstName: string; lastName: string };
  note: MemberNoteFieldsFragment | null;
  line: ClaimLineFieldsFragment | null;
  canWrite: boolean;
}) {
  const signed = Boolean(note?.signedAt);
  const state = signed ? "Signed" : note ? "Draft" : "No note yet";
  return (
    <details className="note-card" open={!signed} id={`note-${client.id}`}>
      <summary>
        <span className="note-card__name">{memberName(client)}</span>
        <span className={`tag tag--${signed ? "ok" : "pending"}`}>{state}</span>
        {line && <StatusBadge status={line.status} />}
      </summary>
      {signed && note ? (
        <SignedNote note={note} line={line} canWrite={canWrite} />
      ) : (
        <DraftNote sessionId={sessionId} clientId={client.id} note={note} line={line} canWrite={canWrite} />
      )}
    </details>
  );
}

function DraftNote({ sessionId, clientId, note, line, canWrite }: { sessionId: string; clientId: string; note: MemberNoteFieldsFragment | null; line: ClaimLineFieldsFragment | null; canWrite: boolean }) {
  const client = useApolloClient();
  const [draft, setDraft] = useState<Sections>(() => sectionsOf(note));
  const [baseVersion, setBaseVersion] = useState(note?.version ?? 0);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [saveNote, saving] = useMutation(SaveMemberNoteDocument, SAVE_OPTIONS);
  const [signNote, signing] = useMutation(SignMemberNoteDocument, SAVE_OPTIONS);
  const error = saving.error ?? signing.error;
  const [, , field] = useFieldErrors(error);
  const conflict = errorCode(error) === "CONFLICT";
  const required = new Set<NoteElement>(line?.requiredNoteElements ?? []);
  const payerName = line?.payer?.name ?? "The member's payer";
  // Signing is final: a required section left empty can then only be completed by an addendum.
  const [unsignedGaps, setUnsignedGaps] = useState<NoteElement[] | null>(null);

  useEffect(() => {
    if (dirty) return;
    setDraft(sectionsOf(note));
    setBaseVersion(note?.version ?? 0);
  }, [note, dirty]);

  async function save(): Promise<MemberNoteFieldsFragment | null> {
    signing.reset();
    const { data } = await saveNote({ variables: { input: { sessionId, clientId, ...draft, expectedVersion: baseVersion } } });
    if (!data) return null;
    setDirty(false);
    setBaseVersion(data.saveMemberNote.version);
    return data.saveMemberNote;
  }

  async function onSave() {
    try {
      if (await save()) setNotice("Draft saved.");
    } catch {
      setNotice(null);
    }
  }

  async function onSign(confirmed = false) {
    const gaps = SECTIONS.filter((sec) => required.has(sec.element) && draft[sec.key].trim() === "").map((sec) => sec.element);
    // Signing is final, so it always asks first; with required sections empty it says which.
    if (!confirmed) {
      setUnsignedGaps(gaps);
      return;
    }
    setUnsignedGaps(null);
    try {
      const current = dirty || !note ? await save() : note;
      if (!current) return;
      await signNote({ variables: { id: current.id } });
      setNotice(null);
    } catch {
      setNotice(null);
    }
  }

  async function reload() {
    await client.refetchQueries({ include: ["Session"] });
    saving.reset();
    signing.reset();
    setDirty(false);
  }

  return (
    <form
      className="note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <div className="form-grid form-grid--two">
        {SECTIONS.map((s) => (
          <Field
            key={s.key}
            label={
              <>
                {NOTE_ELEMENT_LABELS[s.element]}
                {required.has(s.element) && <span className="required-tag"> required by {line?.payer?.name ?? "the payer"}</span>}
              </>
            }
            hint={s.hint}
            {...field(s.key)}
          >
            {(p) => (
              <textarea
                {...p}
                rows={2}
                readOnly={!canWrite}
                value={draft[s.key]}
                onChange={(e) => {
                  setDirty(true);
                  setNotice(null);
                  setUnsignedGaps(null);
                  setDraft({ ...draft, [s.key]: e.target.value });
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <strong>This note changed since you opened it</strong> (someone saved or signed it). {error?.message}
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => void reload()}>
              Load the latest note
            </button>
          </div>
        </div>
      ) : (
        error && <ErrorMessage error={error} />
      )}
      {notice && <SavedStatus key={notice}>{notice}</SavedStatus>}
      {unsignedGaps && unsignedGaps.length === 0 && (
        <div className="alert alert--info" role="alert">
          <strong>Sign this note?</strong> Once signed it cannot be edited; later corrections are added as addenda.
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => setUnsignedGaps(null)}>
              Keep editing
            </button>
            <button type="button" className="button button--small button--primary" onClick={() => void onSign(true)}>
              Yes, sign the note
            </button>
          </div>
        </div>
      )}
      {unsignedGaps && unsignedGaps.length > 0 && (
        <div className="alert alert--warning" role="alert">
          <strong>
            {payerName} requires {unsignedGaps.map((el) => NOTE_ELEMENT_LABELS[el].toLowerCase()).join(" and ")}, which this note leaves empty.
          </strong>{" "}
          The line cannot be billed without it, and once signed the note can only be completed by an addendum.
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => setUnsignedGaps(null)}>
              Keep editing
            </button>
            <button type="button" className="button button--small" onClick={() => void onSign(true)}>
              Sign anyway
            </button>
          </div>
        </div>
      )}
      {canWrite && (
        <div className="button-row">
          <button type="submit" className="button" disabled={saving.loading || signing.loading || !dirty}>
            {saving.loading ? "Saving…" : "Save draft"}
          </button>
          <button type="button" className="button button--primary" disabled={saving.loading || signing.loading || (!note && !dirty)} onClick={() => void onSign(false)}>
            {signing.loading ? "Signing…" : dirty ? "Save and sign" : "Sign note"}
          </button>
        </div>
      )}
    </form>
  );
}

function SignedNote({ note, line, canWrite }: { note: MemberNoteFieldsFragment; line: ClaimLineFieldsFragment | null; canWrite: boolean }) {
  const timeZone = useViewer().viewer.practice.timezone;
  const missing = (line?.issues ?? []).filter((i) => i.code === "NOTE_INCOMPLETE" && i.element).map((i) => i.element as NoteElement);
  const [text, setText] = useState("");
  const [element, setElement] = useState<NoteElement | "">(missing[0] ?? "");
  const [add, { loading, error }] = useMutation(AddNoteAddendumDocument, SAVE_OPTIONS);
  const [, , field] = useFieldErrors(error);
  const written = SECTIONS.filter((s) => (note[s.key] ?? "").trim() !== "");
  return (
    <div className="signed-note">
      <dl className="note-sections">
        {written.map((s) => (
          <div key={s.key}>
            <dt>{NOTE_ELEMENT_LABELS[s.element]}</dt>
            <dd>{note[s.key]}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        Signed {note.signedAt ? formatDateTime(note.signedAt, timeZone) : ""}
        {note.signedBy ? ` by ${note.signedBy.name}` : ""}. Signed notes are legal records: they are not edited, only amended.
      </p>
      {note.addenda.length > 0 && (
        <ol className="addenda" aria-label="Addenda">
          {note.addenda.map((a, i) => (
            <li key={i}>
              <p>{a.text}</p>
              <p className="muted">
                {a.element ? `Completes ${NOTE_ELEMENT_LABELS[a.element].toLowerCase()} · ` : ""}
                Addendum by {a.author.name}, {formatDateTime(a.createdAt, timeZone)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await add({ variables: { noteId: note.id, text, element: element === "" ? null : element } });
              setText("");
              setElement("");
            } catch {
              // shown from `error`
            }
          }}
        >
          {missing.length > 0 && (
            <Notice kind="warning">
              {line?.payer?.name ?? "The payer"} requires {missing.map((el) => NOTE_ELEMENT_LABELS[el].toLowerCase()).join(" and ")}, which this note leaves empty: add an
              addendum that completes it.
            </Notice>
          )}
          <Field label="Add an addendum" {...field("text")}>
            {(p) => <textarea {...p} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Field label="Section it completes" hint="Choose the note section this addendum documents, if any." {...field("element")}>
            {(p) => (
              <select {...p} value={element} onChange={(e) => setElement(e.target.value as NoteElement | "")}>
                <option value="">None (a correction or remark)</option>
                {SECTIONS.map((sec) => (
                  <option key={sec.element} value={sec.element}>
                    {NOTE_ELEMENT_LABELS[sec.element]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
          <div className="button-row">
            <button type="submit" className="button" disabled={loading || text.trim() === ""}>
              {loading ? "Adding…" : "Add addendum"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
