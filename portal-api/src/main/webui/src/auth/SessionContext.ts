import { createContext, useContext } from "react";
import { permissionsOf, type Permissions } from "./permissions";
import type { Session } from "./session";

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionContext");
  return session;
}

export function usePermissions(): Permissions {
  return permissionsOf(useSession());
}
