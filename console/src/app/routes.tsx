import type { ReactNode } from "react";
import { AuditPage } from "../audit/audit-page";
import type { Permission } from "../auth/permissions";
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

/**
 * Each screen, the path it answers and, where a role may lack it, the permission it needs (with what to call the
 * screen when refusing). The first pattern that matches wins.
 */
const ROUTES: { pattern: string; page: (params: Record<string, string>) => ReactNode; permission?: Permission; what?: string }[] = [
  { pattern: "/", page: () => <DashboardPage /> },
  { pattern: "/sessions", page: () => <SessionsBoard /> },
  { pattern: "/sessions/:id", page: ({ id }) => <SessionPage id={id} /> },
  { pattern: "/payers", page: () => <PayersPage />, permission: "ReadPayers", what: "payers" },
  { pattern: "/payers/:id", page: ({ id }) => <PayerPage id={id} />, permission: "ReadPayers", what: "the payer rule editor" },
  { pattern: "/clients", page: () => <ClientsPage /> },
  { pattern: "/clients/:id", page: ({ id }) => <ClientPage id={id} /> },
  { pattern: "/groups", page: () => <GroupsPage /> },
  { pattern: "/clinicians", page: () => <CliniciansPage /> },
  { pattern: "/claims", page: () => <WorkListPage />, permission: "ReadClaims", what: "claims" },
  { pattern: "/batches", page: () => <ClaimsPage />, permission: "ReadClaims", what: "claim batches" },
  { pattern: "/remittances", page: () => <RemittancesPage />, permission: "ReadClaims", what: "remittances" },
  { pattern: "/remittances/:id", page: ({ id }) => <RemittancePage id={id} />, permission: "ReadClaims", what: "remittances" },
  { pattern: "/denials", page: () => <DenialsPage />, permission: "ReadClaims", what: "denials" },
  { pattern: "/audit", page: () => <AuditPage />, permission: "ReadAudit", what: "the audit log" },
  { pattern: "/practice", page: () => <PracticePage />, permission: "ManagePractice", what: "the practice's settings" },
  { pattern: "/members", page: () => <MembersPage />, permission: "ManageMembers", what: "members and roles" },
];

export function Routes() {
  const { path } = useRouter();
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const page = route.page(params);
    return route.permission ? (
      <RequirePermission permission={route.permission} what={route.what ?? ""}>
        {page}
      </RequirePermission>
    ) : (
      page
    );
  }
  return (
    <Empty title="There is no page here.">
      <Link to="/">Go to the dashboard</Link>
    </Empty>
  );
}
