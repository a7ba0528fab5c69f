import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { ErrorMessage, Notice } from "../ui/ui";
import { memberName } from "./claim-lines";
import { DraftMemberNotesDocument } from "./sessions.documents";

type Member = { id: string; firstName: string; lastName: string };

/**
 * A few words per member, then one click drafts every unsigned note from the session's documentation. Drafts fill
 * only empty sections and are never signed: each note is read and edited below before signing.
 */
export function DraftNotesForm({ sessionId, members }: { sessionId: string; members: Member[] }) {
  const [words, setWords] = useState<Record<string, string>>({});
  const [drafted, setDrafted] = useState<number | null>(null);
  const [draft, { loading, error }] = useMutation(DraftMemberNotesDocument, { refetchQueries: ["Session"] });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const entries = members.filter((m) => (words[m.id] ?? "").trim() !== "").map((m) => ({ clientId: m.id, words: words[m.id].trim() }));
    try {
      const result = await draft({ variables: { sessionId, members: entries } });
      setDrafted(result.data?.draftMemberNotes.length ?? 0);
      setWords({});
    } catch {
      setDrafted(null);
    }
  }

  return (
    <form onSubmit={submit} className="draft-notes">
      <p className="muted">Optional: a few words per member. Drafts fill only empty sections of unsigned notes, from the group documentation; read and edit each before signing.</p>
      <div className="form-grid">
        {members.map((m) => (
          <label key={m.id} className="field">
            <span className="field__label">{`A few words about ${memberName(m)}`}</span>
            <input maxLength={500} value={words[m.id] ?? ""} onChange={(e) => setWords({ ...words, [m.id]: e.target.value })} />
          </label>
        ))}
      </div>
      <ErrorMessage error={error} />
      {drafted !== null && <Notice kind="success">{drafted === 0 ? "Nothing to draft: every note is signed or already filled in." : `Drafted ${drafted} ${drafted === 1 ? "note" : "notes"}. Review and sign each below.`}</Notice>}
      <div className="button-row">
        <button type="submit" className="button" disabled={loading}>
          {loading ? "Drafting…" : "Draft notes"}
        </button>
      </div>
    </form>
  );
}
