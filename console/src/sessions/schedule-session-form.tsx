import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { Modality } from "../__generated__/graphql";
import { useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { todayIn, zonedLocalToIso } from "../lib/dates";
import { MODALITY_LABELS, POS_LABELS } from "../lib/labels";
import { Field, FormFooter, Section, useFieldErrors } from "../ui/ui";
import { BoardGroupsDocument, ScheduleSessionDocument } from "./sessions.documents";
import { EnumOptions } from "../ui/enum-options";

const IN_PERSON_POS = ["11", "53", "57"];

export function ScheduleSessionForm({ onCancel }: { onCancel: () => void }) {
  const { viewer } = useViewer();
  const { navigate } = useRouter();
  const tz = viewer.practice.timezone;
  const groups = useQuery(BoardGroupsDocument);
  const [form, setForm] = useState({ groupId: "", startsAt: `${todayIn(tz)}T10:00`, durationMinutes: "", modality: "IN_PERSON" as Modality, placeOfService: "" });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [schedule, { loading, error }] = useMutation(ScheduleSessionDocument);
  const [, , field] = useFieldErrors(error, localErrors);
  const group = groups.data?.groups.find((g) => g.id === form.groupId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.groupId) local.groupId = "Choose a group";
    const minutes = form.durationMinutes.trim() === "" ? group?.defaultDurationMinutes : Number(form.durationMinutes);
    if (minutes === undefined || !Number.isInteger(minutes)) local.durationMinutes = "Enter the length in whole minutes";
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(form.startsAt)) local.startsAt = "Choose a date and start time";
    setLocalErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      const { data } = await schedule({
        variables: {
          input: {
            groupId: form.groupId,
            startsAt: zonedLocalToIso(form.startsAt, tz),
            durationMinutes: minutes!,
            modality: form.modality,
            placeOfService: form.modality === "IN_PERSON" && form.placeOfService ? form.placeOfService : undefined,
          },
        },
        refetchQueries: ["SessionsBoard"],
      });
      if (data) navigate(`/sessions/${data.scheduleSession.id}`);
    } catch {
      // shown from `error`
    }
  }

  return (
    <Section title="Schedule a session">
      <form onSubmit={submit}>
        <div className="form-grid">
          <Field label="Group" {...field("groupId")}>
            {(p) => (
              <select {...p} value={form.groupId} onChange={(e) => setForm({ ...form, groupId: e.target.value })}>
                <option value="">Choose a group…</option>
                {(groups.data?.groups ?? []).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`Starts (${tz.replace(/_/g, " ")} time)`} {...field("startsAt")}>
            {(p) => <input {...p} type="datetime-local" value={form.startsAt} onChange={(e) => setForm({ ...form, startsAt: e.target.value })} />}
          </Field>
          <Field label="Minutes" {...field("durationMinutes")} hint={group ? `Empty: the group's usual ${group.defaultDurationMinutes}` : undefined}>
            {(p) => <input {...p} inputMode="numeric" value={form.durationMinutes} onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })} />}
          </Field>
          <Field label="Modality" {...field("modality")}>
            {(p) => (
              <select {...p} value={form.modality} onChange={(e) => setForm({ ...form, modality: e.target.value as Modality })}>
                <EnumOptions labels={MODALITY_LABELS} />
              </select>
            )}
          </Field>
          {form.modality === "IN_PERSON" && (
            <Field label="Place of service" {...field("placeOfService")}>
              {(p) => (
                <select {...p} value={form.placeOfService} onChange={(e) => setForm({ ...form, placeOfService: e.target.value })}>
                  <option value="">Practice default ({viewer.practice.defaultPlaceOfService})</option>
                  {IN_PERSON_POS.map((pos) => (
                    <option key={pos} value={pos}>
                      {POS_LABELS[pos]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        {groups.data && groups.data.groups.length === 0 && <p className="muted">There are no groups yet; create one under Groups first.</p>}
        <FormFooter error={error} busy={loading} submitLabel="Schedule" busyLabel="Scheduling…" onCancel={onCancel} />
      </form>
    </Section>
  );
}
