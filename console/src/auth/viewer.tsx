import { createContext, useContext, type ReactNode } from "react";
import type { MeQuery, Role } from "../__generated__/graphql";
import { can, type Permission } from "./permissions";

export type Viewer = MeQuery["me"];

interface ViewerContextValue {
  viewer: Viewer;
  role: Role;
  can(permission: Permission): boolean;
  signOut(): Promise<void>;
}

const ViewerContext = createContext<ViewerContextValue | null>(null);

export function ViewerProvider({ viewer, signOut, children }: { viewer: Viewer; signOut: () => Promise<void>; children: ReactNode }) {
  const value: ViewerContextValue = { viewer, role: viewer.role, can: (p) => can(viewer.permissions, p), signOut };
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerContextValue {
  const v = useContext(ViewerContext);
  if (!v) throw new Error("useViewer outside ViewerProvider");
  return v;
}

/** Shown where a role reaches a screen it may not use (by a bookmarked link, say). */
export function NotAllowed({ what }: { what: string }) {
  return (
    <div className="state state--empty" role="alert">
      <p className="state__title">Your role cannot open {what}.</p>
      <p>Ask an owner or admin of this practice if you need it.</p>
    </div>
  );
}

/** Renders children only for roles with the permission, otherwise explains why not. */
export function RequirePermission({ permission, what, children }: { permission: Permission; what: string; children: ReactNode }) {
  const { can: allowed } = useViewer();
  return allowed(permission) ? <>{children}</> : <NotAllowed what={what} />;
}
