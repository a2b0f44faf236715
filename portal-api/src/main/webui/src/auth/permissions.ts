import type { Session } from "./session";

/**
 * What the signed-in user may do, so the console never offers a control the API would refuse. The API decides in
 * the end; this only mirrors portal-api's role rules (docs/portal-api.md, "Security").
 */
export interface Permissions {
  /** Sees many organizations: the operator and partner roles. */
  seesOrganizationList: boolean;
  /** Creates and deletes organizations: the operator and partner admins. */
  managesOrganizations: boolean;
  /** Changes anything inside an organization: the operator, partner admins and organization admins. */
  writes: boolean;
  /** Moves devices between organizations: the operator and partner admins (an organization admin sees no target). */
  movesDevices: boolean;
}

export function permissionsOf(session: Session): Permissions {
  const has = (role: Session["roles"][number]) => session.roles.includes(role);
  const managesOrganizations = has("operator") || has("partner-admin");
  return {
    seesOrganizationList: managesOrganizations || has("partner-viewer"),
    managesOrganizations,
    writes: managesOrganizations || has("org-admin"),
    movesDevices: managesOrganizations,
  };
}
