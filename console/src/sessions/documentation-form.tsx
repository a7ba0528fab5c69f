import { useEffect, useState, type FormEvent } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import type { SessionQuery } from "../__generated__/graphql";
import { useViewer } from "../auth/viewer";
import { errorCode, fieldErrorsOf } from "../lib/errors";
import { ErrorMessage, Field, SavedStatus, useFieldErrors } from "../ui/ui";
import { SessionDocument, UpdateSessionDocumentationDocument } from "./sessions.documents";

type Session = NonNullable<SessionQuery["session"]>;

/**
 * Topics and interventions, saved against the version the writer started from: if someone saved in
 * between, the server answers CONFLICT and the writer chooses whose text to keep.
 */
/** What the group did and how: each payer reads both, and a class-like wording in either is flagged. */
const DOCUMENTATION_FIELDS = [
  { key: "topics", label: "Topics" },
  { key: "interventions", label: "Interventions" },
] as const;

export function DocumentationForm({ session, canEdit }: { session: Session; canEdit: boolean }) {
  const client = useApolloClient();
  const withBilling = useViewer().can("ReadClaims");
  const [draft, setDraft] = useState({ topics: session.topics ?? "", interventions: session.interventions ?? "" });
  const [baseVersion, setBaseVersion] = useState(session.version);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateSessionDocumentationDocument, { refetchQueries: ["Session"] });
  const conflict = errorCode(error) === "CONFLICT";
  const [, , field] = useFieldErrors(error);

  // Follow the server while the writer has nothing unsaved.
  useEffect(() => {
    if (dirty) return;
    setDraft({ topics: session.topics ?? "", interventions: session.interventions ?? "" });
    setBaseVersion(session.version);
  }, [session.topics, session.interventions, session.version, dirty]);

  async function save(expectedVersion: number) {
    try {
      await update({ variables: { id: session.id, input: { topics: draft.topics, interventions: draft.interventions, expectedVersion }, withBilling } });
      setDirty(false);
      setSaved(true);
    } catch {
      setSaved(false);
    }
  }

  async function latest(): Promise<Session | null> {
    const { data } = await client.query({ query: SessionDocument, variables: { id: session.id, withBilling }, fetchPolicy: "network-only" });
    return data?.session ?? null;
  }

  async function takeTheirs() {
    const s = await latest();
    reset();
    setDirty(false);
    if (s) {
      setDraft({ topics: s.topics ?? "", interventions: s.interventions ?? "" });
      setBaseVersion(s.version);
    }
  }

  async function keepMine() {
    const s = await latest();
    reset();
    if (s) {
      setBaseVersion(s.version);
      await save(s.version);
    }
  }

  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save(baseVersion);
      }}
    >
      <p className="muted">Payers deny group sessions documented like a class: name the topics and the therapeutic interventions used.</p>
      <div className="form-grid form-grid--two">
        {DOCUMENTATION_FIELDS.map(({ key, label }) => (
          <Field key={key} label={label} {...field(key)}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                readOnly={!canEdit}
                value={draft[key]}
                onChange={(e) => {
                  setDirty(true);
                  setSaved(false);
                  setDraft({ ...draft, [key]: e.target.value });
                }}
              />
            )}
          </Field>
        ))}
      </div>
      {conflict ? (
        <div className="alert alert--warning" role="alert">
          <strong>Someone else saved this documentation after you started editing.</strong> Your text is still in the boxes above.
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => void takeTheirs()}>
              Discard mine, show theirs
            </button>
            <button type="button" className="button button--small button--primary" onClick={() => void keepMine()}>
              Save mine over theirs
            </button>
          </div>
        </div>
      ) : (
        error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />
      )}
      {saved && !dirty && <SavedStatus>Documentation saved.</SavedStatus>}
      {canEdit && (
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading || !dirty}>
            {loading ? "Saving…" : "Save documentation"}
          </button>
        </div>
      )}
    </form>
  );
}
