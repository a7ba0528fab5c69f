import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useFocusFromHash } from "../app/router";
import { useViewer } from "../auth/viewer";
import { CLAIM_DECISION_QUERIES } from "../lib/claim-refresh";
import { formatDate } from "../lib/dates";
import { RELATIONSHIP_LABELS, SEX_LABELS } from "../lib/labels";
import { Empty, ErrorMessage, Loading, PageHeader, SavedStatus, Section } from "../ui/ui";
import { AuthorizationsSection } from "./authorizations-section";
import { ClientForm } from "./client-form";
import { ClientDocument, UpdateClientDocument } from "./clients.documents";

export function ClientPage({ id }: { id: string }) {
  const { can } = useViewer();
  const { data, loading, error, refetch } = useQuery(ClientDocument, { variables: { id } });
  const [update, updating] = useMutation(UpdateClientDocument);
  const [saved, setSaved] = useState(false);
  useFocusFromHash(Boolean(data?.client));

  if (loading && !data) return <Loading what="Loading client" />;
  if (error) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  const client = data?.client;
  if (!client)
    return (
      <Empty title="This client does not exist in this practice.">
        <Link to="/clients">Back to clients</Link>
      </Empty>
    );

  return (
    <>
      <p className="breadcrumb">
        <Link to="/clients">Clients</Link> /
      </p>
      <PageHeader title={`${client.firstName} ${client.lastName}`} subtitle={`Born ${formatDate(client.dateOfBirth)}`} />
      <Section title={can("ManageClients") ? "Details and coverage" : "Details"} id="client-details">
        {saved && <SavedStatus>Saved.</SavedStatus>}
        {can("ManageClients") ? (
          <ClientForm
            key={client.id}
            initial={client}
            submitLabel="Save changes"
            busy={updating.loading}
            error={updating.error}
            onSubmit={async (values) => {
              setSaved(false);
              try {
                await update({ variables: { id: client.id, input: values }, refetchQueries: CLAIM_DECISION_QUERIES, awaitRefetchQueries: true });
                setSaved(true);
              } catch {
                // shown from updating.error
              }
            }}
          />
        ) : (
          <dl className="details">
            <dt>Sex</dt>
            <dd>{client.sex ? SEX_LABELS[client.sex] : "not recorded"}</dd>
            <dt>Address</dt>
            <dd>
              {client.address
                ? [client.address.line1, client.address.line2, `${client.address.city}, ${client.address.state} ${client.address.zip}`].filter(Boolean).join(", ")
                : "not recorded"}
            </dd>
            <dt>Diagnoses</dt>
            <dd>{client.diagnosisCodes.join(", ") || "none"}</dd>
            <dt>Coverage</dt>
            <dd>
              {client.coverages.length === 0
                ? "none"
                : client.coverages.map((c) => (
                    <div key={c.id}>
                      {c.payer.name} · {c.priority.toLowerCase()} · {c.memberId} · from {formatDate(c.effectiveFrom)}
                      {c.effectiveTo ? ` to ${formatDate(c.effectiveTo)}` : ""}
                      {c.subscriber ? ` · insured: ${c.subscriber.firstName} ${c.subscriber.lastName} (client is the ${RELATIONSHIP_LABELS[c.relationship].toLowerCase()})` : ""}
                    </div>
                  ))}
            </dd>
          </dl>
        )}
      </Section>
      <AuthorizationsSection clientId={client.id} canManage={can("ManageClients")} />
    </>
  );
}
