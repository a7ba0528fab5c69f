import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type AnchorHTMLAttributes, type ReactNode } from "react";

/**
 * A few screens and deep links do not need a routing library: the path lives in the History API,
 * and the server answers every console path with index.html.
 */
interface Router {
  path: string;
  search: URLSearchParams;
  /** The field a link points at ("#session-length"), or "". */
  hash: string;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<Router | null>(null);

function currentLocation() {
  return { path: window.location.pathname, search: window.location.search, hash: window.location.hash };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const onPop = () => setLocation(currentLocation());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((to: string, options?: { replace?: boolean }) => {
    if (options?.replace) window.history.replaceState(null, "", to);
    else window.history.pushState(null, "", to);
    setLocation(currentLocation());
    window.scrollTo?.(0, 0);
  }, []);
  const value = useMemo(() => ({ path: location.path, search: new URLSearchParams(location.search), hash: location.hash, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error("useRouter outside RouterProvider");
  return router;
}

const FIELDS = "input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled])";
const FOCUSABLE = `${FIELDS}, button:not([disabled]), a[href], [tabindex]`;

/**
 * A link to "/sessions/1#session-length" lands on that field: once the screen has its data (`ready`),
 * the element with that id (or the first control inside it) is scrolled to and focused. A part of the screen that
 * loads on its own (a client's authorizations) calls it too: the first to have the element focuses it, once.
 */
/** Arrivals (one router value per navigation) whose "#field" was focused, by whichever part of the screen rendered it. */
const focusedArrivals = new WeakSet<Router>();

export function useFocusFromHash(ready: boolean): void {
  const router = useRouter();
  useEffect(() => {
    if (!ready || !router.hash || focusedArrivals.has(router)) return;
    const target = document.getElementById(decodeURIComponent(router.hash.slice(1)));
    if (!target) return;
    focusedArrivals.add(router);
    // A signed member's note is folded away; the link is there to work on it.
    if (target instanceof HTMLDetailsElement) target.open = true;
    // A field before anything else focusable in it (a scrollable table, a link): the link is there to change a value.
    const control = target.matches(FOCUSABLE) ? target : (target.querySelector<HTMLElement>(FIELDS) ?? target.querySelector<HTMLElement>(FOCUSABLE));
    const focusable = control ?? target;
    if (!control) target.tabIndex = -1;
    focusable.scrollIntoView?.({ block: "center" });
    focusable.focus();
  });
}

/** "/payers/:id" against "/payers/abc" -> { id: "abc" }; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(":")) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">) {
  const { navigate } = useRouter();
  return (
    <a
      {...rest}
      href={to}
      onClick={(e) => {
        rest.onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
