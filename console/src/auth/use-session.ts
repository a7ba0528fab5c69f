import { useSyncExternalStore } from "react";
import { sessionStore, type SessionState } from "./session-store";

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);
}
