import { useEffect, useRef, type ReactNode } from "react";
import { InvitationsNotice } from "../auth/invitations-notice";
import { PracticeSwitcher } from "../auth/practice-switcher";
import type { Permission } from "../auth/permissions";
import { useViewer } from "../auth/viewer";
import { ROLE_LABELS } from "../lib/labels";
import { Link, useRouter } from "./router";

interface NavItem {
  to: string;
  label: string;
  permission: Permission;
}

/** The screens, in the order a practice sets itself up and then works day to day. */
const NAV: NavItem[] = [
  { to: "/", label: "Dashboard", permission: "ReadSessions" },
  { to: "/sessions", label: "Sessions", permission: "ReadSessions" },
  { to: "/claims", label: "Claims", permission: "ReadClaims" },
  { to: "/batches", label: "Batches", permission: "ReadClaims" },
  { to: "/remittances", label: "Remittances", permission: "ReadClaims" },
  { to: "/denials", label: "Denials", permission: "ReadClaims" },
  { to: "/payers", label: "Payers", permission: "ReadPayers" },
  { to: "/clients", label: "Clients", permission: "ReadClients" },
  { to: "/groups", label: "Groups", permission: "ReadGroups" },
  { to: "/clinicians", label: "Clinicians", permission: "ReadClinicians" },
  { to: "/members", label: "Members", permission: "ManageMembers" },
  { to: "/practice", label: "Practice", permission: "ManagePractice" },
  { to: "/audit", label: "Audit log", permission: "ReadAudit" },
];

export function Layout({ children, onSwitched }: { children: ReactNode; onSwitched: (token: string) => void }) {
  const { viewer, role, can, signOut } = useViewer();
  const { path } = useRouter();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigating, start keyboard and screen-reader users at the new page, not the old link.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          GroupBill
        </Link>
        <div className="topbar__practice">
          <PracticeSwitcher onSwitched={onSwitched} />
        </div>
        <div className="topbar__user">
          <span className="topbar__name">{viewer.user.name}</span>
          <span className="role-chip" title="Your role in this practice">
            {ROLE_LABELS[role]}
          </span>
          <button type="button" className="button button--small button--ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {NAV.filter((item) => can(item.permission)).map((item) => {
            const active = path === item.to || (item.to !== "/" && path.startsWith(`${item.to}/`));
            return (
              <li key={item.to}>
                <Link to={item.to} aria-current={active ? "page" : undefined} className={active ? "active" : undefined}>
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <InvitationsNotice />
        {children}
      </main>
    </div>
  );
}
