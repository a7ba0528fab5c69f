import { AuditPage } from "../audit/audit-page";
import { RequirePermission } from "../auth/viewer";
import { ClaimsPage } from "../claims/claims-page";
import { WorkListPage } from "../claims/work-list-page";
import { DashboardPage } from "../dashboard/dashboard-page";
import { ClientPage } from "../clients/client-page";
import { ClientsPage } from "../clients/clients-page";
import { CliniciansPage } from "../clinicians/clinicians-page";
import { GroupsPage } from "../groups/groups-page";
import { MembersPage } from "../members/members-page";
import { PayerPage } from "../payers/payer-page";
import { PayersPage } from "../payers/payers-page";
import { PracticePage } from "../practice/practice-page";
import { DenialsPage } from "../remittances/denials-page";
import { RemittancePage, RemittancesPage } from "../remittances/remittances-page";
import { SessionPage } from "../sessions/session-page";
import { SessionsBoard } from "../sessions/sessions-board";
import { Empty } from "../ui/ui";
import { Link, matchPath, useRouter } from "./router";

export function Routes() {
  const { path } = useRouter();
  let params: Record<string, string> | null;

  if (path === "/") return <DashboardPage />;
  if (path === "/sessions") return <SessionsBoard />;
  if ((params = matchPath("/sessions/:id", path))) return <SessionPage id={params.id} />;
  if (path === "/payers")
    return (
      <RequirePermission permission="ReadPayers" what="payers">
        <PayersPage />
      </RequirePermission>
    );
  if ((params = matchPath("/payers/:id", path)))
    return (
      <RequirePermission permission="ReadPayers" what="the payer rule editor">
        <PayerPage id={params.id} />
      </RequirePermission>
    );
  if (path === "/clients") return <ClientsPage />;
  if ((params = matchPath("/clients/:id", path))) return <ClientPage id={params.id} />;
  if (path === "/groups") return <GroupsPage />;
  if (path === "/clinicians") return <CliniciansPage />;
  if (path === "/claims")
    return (
      <RequirePermission permission="ReadClaims" what="claims">
        <WorkListPage />
      </RequirePermission>
    );
  if (path === "/batches")
    return (
      <RequirePermission permission="ReadClaims" what="claim batches">
        <ClaimsPage />
      </RequirePermission>
    );
  if (path === "/remittances")
    return (
      <RequirePermission permission="ReadClaims" what="remittances">
        <RemittancesPage />
      </RequirePermission>
    );
  if ((params = matchPath("/remittances/:id", path)))
    return (
      <RequirePermission permission="ReadClaims" what="remittances">
        <RemittancePage id={params.id} />
      </RequirePermission>
    );
  if (path === "/denials")
    return (
      <RequirePermission permission="ReadClaims" what="denials">
        <DenialsPage />
      </RequirePermission>
    );
  if (path === "/audit")
    return (
      <RequirePermission permission="ReadAudit" what="the audit log">
        <AuditPage />
      </RequirePermission>
    );
  if (path === "/practice")
    return (
      <RequirePermission permission="ManagePractice" what="the practice's settings">
        <PracticePage />
      </RequirePermission>
    );
  if (path === "/members")
    return (
      <RequirePermission permission="ManageMembers" what="members and roles">
        <MembersPage />
      </RequirePermission>
    );
  return (
    <Empty title="There is no page here.">
      <Link to="/">Go to the dashboard</Link>
    </Empty>
  );
}
