import { useMutation } from "@apollo/client/react";
import { ROLE_LABELS } from "../lib/labels";
import { ErrorMessage } from "../ui/ui";
import { SwitchPracticeDocument } from "./auth.documents";
import { NewPracticeButton } from "./new-practice";
import { useViewer } from "./viewer";

/** Switching practice reissues the token for the chosen practice; the server revokes the one in use. */
export function PracticeSwitcher({ onSwitched }: { onSwitched: (token: string) => void }) {
  const { viewer } = useViewer();
  const [switchPractice, { loading, error }] = useMutation(SwitchPracticeDocument);
  const others = viewer.memberships.filter((m) => m.practice.id !== viewer.practice.id);
  if (others.length === 0) {
    return (
      <span className="practice-switcher-wrap">
        <span className="practice-name">{viewer.practice.name}</span>
        <NewPracticeButton onCreated={onSwitched} />
      </span>
    );
  }

  async function choose(practiceId: string) {
    if (practiceId === viewer.practice.id) return;
    try {
      const { data } = await switchPractice({ variables: { practiceId } });
      if (data) onSwitched(data.switchPractice.token);
    } catch {
      // shown from `error`
    }
  }

  return (
    <span className="practice-switcher-wrap">
      <label className="visually-hidden" htmlFor="practice-switcher">
        Practice
      </label>
      <select id="practice-switcher" className="practice-switcher" value={viewer.practice.id} disabled={loading} onChange={(e) => void choose(e.target.value)}>
        {viewer.memberships.map((m) => (
          <option key={m.practice.id} value={m.practice.id}>
            {m.practice.name} ({ROLE_LABELS[m.role]})
          </option>
        ))}
      </select>
      <NewPracticeButton onCreated={onSwitched} />
      {error && <ErrorMessage error={error} />}
    </span>
  );
}
