import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { ROLE_LABELS } from "../lib/labels";
import { ErrorMessage, Notice } from "../ui/ui";
import { AcceptInvitationDocument, DeclineInvitationDocument, MeDocument } from "./auth.documents";
import { useViewer } from "./viewer";

/** Practices that asked the user to join; nothing changes until the user answers. */
export function InvitationsNotice() {
  const { viewer } = useViewer();
  const [joined, setJoined] = useState<string | null>(null);
  const [accept, accepting] = useMutation(AcceptInvitationDocument, { refetchQueries: [MeDocument], awaitRefetchQueries: true });
  const [decline, declining] = useMutation(DeclineInvitationDocument, { refetchQueries: [MeDocument], awaitRefetchQueries: true });
  const busy = accepting.loading || declining.loading;

  async function answer(id: string, yes: boolean) {
    setJoined(null);
    try {
      if (yes) {
        const { data } = await accept({ variables: { id } });
        if (data) setJoined(`You joined ${data.acceptInvitation.practice.name}. Switch to it from the practice menu.`);
      } else {
        await decline({ variables: { id } });
      }
    } catch {
      // shown from the mutation's error
    }
  }

  if (viewer.invitations.length === 0 && !joined) return null;
  return (
    <div className="invitations">
      {viewer.invitations.map((i) => (
        <Notice key={i.id}>
          <span>
            <strong>{i.practiceName}</strong> invites you to join as {ROLE_LABELS[i.role].toLowerCase()}.
          </span>
          <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void answer(i.id, true)}>
            Accept
          </button>
          <button type="button" className="button button--small" disabled={busy} onClick={() => void answer(i.id, false)}>
            Decline
          </button>
        </Notice>
      ))}
      <ErrorMessage error={accepting.error ?? declining.error} />
      {joined && <Notice kind="success">{joined}</Notice>}
    </div>
  );
}
