import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { GroupKind, GroupsQuery } from "../__generated__/graphql";
import { useFocusFromHash, useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { errorsUnder, fieldErrorsOf } from "../lib/errors";
import { GROUP_KIND_LABELS } from "../lib/labels";
import { DataTable, ListHeader, QueryState } from "../ui/list-page";
import { ErrorMessage, Field, Loading, SavedStatus, Section, Switch, useFieldErrors } from "../ui/ui";
import { CreateGroupDocument, GroupFormOptionsDocument, GroupsDocument, UpdateGroupDocument } from "./groups.documents";
import { EnumOptions } from "../ui/enum-options";

export function GroupsPage() {
  const { can } = useViewer();
  const { data, loading, error, refetch } = useQuery(GroupsDocument);
  const [editing, setEditing] = useState<GroupRow | null>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  // A reason's link ("/groups?edit=<id>#group-kind") opens that group's form with the field that decides it focused.
  const linked = useRouter().search.get("edit");
  const opened = useRef<string | null>(null);
  useEffect(() => {
    const group = data?.groups.find((g) => g.id === linked);
    if (!group || opened.current === linked || !can("ManageGroups")) return;
    opened.current = linked;
    setEditing(group);
  }, [linked, data, can]);

  return (
    <>
      <ListHeader
        title="Groups"
        subtitle="Who meets, who leads, and what kind of group it is (which decides whether 90853 applies)."
        createLabel="New group"
        canCreate={can("ManageGroups")}
        createForm={(done) => <GroupForm onDone={done} />}
        onCreated={(saved?: string) => setSavedMessage(saved ?? null)}
      />
      {editing && (
        <GroupForm
          key={editing.id}
          group={editing}
          onDone={(saved) => {
            setEditing(null);
            setSavedMessage(saved ?? null);
          }}
        />
      )}
      {savedMessage && <SavedStatus key={savedMessage}>{savedMessage}</SavedStatus>}
      <Section title="All groups">
        <QueryState
          loading={loading && !data}
          error={error}
          empty={!data || data.groups.length === 0}
          what="groups"
          emptyTitle="No groups yet."
          onRetry={() => void refetch()}
        >
          {() => (
            <DataTable label="Groups" columns={["Name", "Kind", "Leader", "Usual length", "Members", can("ManageGroups") && { label: "Actions", hidden: true }]}>
              {data!.groups.map((g) => (
                <tr key={g.id}>
                  <td>{g.name}</td>
                  <td>
                    {GROUP_KIND_LABELS[g.kind]}
                    {!g.hasPsychotherapyComponent && <span className="muted"> (no psychotherapy)</span>}
                  </td>
                  <td>{g.leader.name}</td>
                  <td>{g.defaultDurationMinutes} min</td>
                  <td>{g.members.length === 0 ? <span className="muted">none</span> : g.members.map((m) => `${m.firstName} ${m.lastName}`).join(", ")}</td>
                  {can("ManageGroups") && (
                    <td>
                      <button type="button" className="button" aria-label={`Edit ${g.name}`} onClick={() => setEditing(g)}>
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
    </>
  );
}


type GroupRow = NonNullable<GroupsQuery["groups"]>[number];

/** Creates a group, or edits one when `group` is given (its member list is then replaced as a whole). */
/** `onDone(message)` after a save, `onDone()` on cancel. */
function GroupForm({ group, onDone }: { group?: GroupRow; onDone: (saved?: string) => void }) {
  const options = useQuery(GroupFormOptionsDocument, { variables: { first: 100 } });
  // The form's fields exist once its options are in; then a link's "#group-kind" can land on its field.
  useFocusFromHash(Boolean(group && options.data));
  const [form, setForm] = useState(
    group
      ? { name: group.name, kind: group.kind, hasPsychotherapyComponent: group.hasPsychotherapyComponent, leaderId: group.leader.id, defaultDurationMinutes: String(group.defaultDurationMinutes), memberIds: group.members.map((m) => m.id) }
      : { name: "", kind: "PSYCHOTHERAPY" as GroupKind, hasPsychotherapyComponent: true, leaderId: "", defaultDurationMinutes: "60", memberIds: [] as string[] },
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [create, created] = useMutation(CreateGroupDocument, { refetchQueries: ["Groups", "BoardGroups"] });
  const [update, updated] = useMutation(UpdateGroupDocument, { refetchQueries: ["Groups", "BoardGroups"] });
  const { loading, error } = group ? updated : created;
  const [fields, touch, field] = useFieldErrors(error, localErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.leaderId) local.leaderId = "Choose the clinician who leads the group";
    if (!/^\d+$/.test(form.defaultDurationMinutes.trim())) local.defaultDurationMinutes = "Enter whole minutes";
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const input = { ...form, defaultDurationMinutes: Number(form.defaultDurationMinutes) };
      if (group) await update({ variables: { id: group.id, input } });
      else await create({ variables: { input } });
      onDone(`${group ? "Saved" : "Created"} ${form.name.trim()}.`);
    } catch {
      // shown from `error`
    }
  }

  const clients = options.data?.clients.edges.map((e) => e.node) ?? [];
  return (
    <Section title={group ? `Edit ${group.name}` : "New group"}>
      {options.loading && !options.data ? (
        <Loading what="Loading clinicians and clients" />
      ) : options.error ? (
        <ErrorMessage error={options.error} onRetry={() => void options.refetch()} />
      ) : (
        <form onSubmit={submit}>
          <div className="form-grid">
            <Field label="Name" {...field("name")}>
              {(p) => <input {...p} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
            </Field>
            <Field id="group-kind" label="Kind" {...field("kind")}>
              {(p) => (
                <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as GroupKind })}>
                  <EnumOptions labels={GROUP_KIND_LABELS} />
                </select>
              )}
            </Field>
            <Field label="Leader" {...field("leaderId")}>
              {(p) => (
                <select {...p} value={form.leaderId} onChange={(e) => setForm({ ...form, leaderId: e.target.value })}>
                  <option value="">Choose…</option>
                  {(options.data?.clinicians ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}, {c.credential}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Usual length (minutes)" {...field("defaultDurationMinutes")}>
              {(p) => <input {...p} inputMode="numeric" value={form.defaultDurationMinutes} onChange={(e) => setForm({ ...form, defaultDurationMinutes: e.target.value })} />}
            </Field>
          </div>
          <Switch
            id="group-psychotherapy"
            label="Includes psychotherapy"
            hint="Psychoeducation without a psychotherapy component is not billable as 90853."
            checked={form.hasPsychotherapyComponent}
            onChange={(v) => setForm({ ...form, hasPsychotherapyComponent: v })}
          />
          <fieldset className="member-picker" onChange={() => touch("memberIds")}>
            <legend>Members</legend>
            {clients.length === 0 ? (
              <p className="muted">No clients yet. Add clients first, under Clients.</p>
            ) : (
              <div className="checkbox-grid">
                {clients.map((c) => (
                  <label key={c.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={form.memberIds.includes(c.id)}
                      onChange={(e) => setForm({ ...form, memberIds: e.target.checked ? [...form.memberIds, c.id] : form.memberIds.filter((x) => x !== c.id) })}
                    />
                    {c.lastName}, {c.firstName}
                  </label>
                ))}
              </div>
            )}
            {options.data && options.data.clients.totalCount > clients.length && <p className="muted">Showing the first {clients.length} clients.</p>}
            {errorsUnder(fields, "memberIds") && <p className="field__error">{errorsUnder(fields, "memberIds")}</p>}
          </fieldset>
          {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={loading}>
              {group ? (loading ? "Saving…" : "Save group") : loading ? "Creating…" : "Create group"}
            </button>
            <button type="button" className="button" onClick={() => onDone()}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}
