import { Loader } from "@mantine/core";
import { Navigate } from "react-router";
import { useOrganizations } from "../api/queries";
import { usePermissions } from "../auth/SessionContext";
import { Problem } from "../components/Problem";

/** Partners land on their organizations; an organization's users on their organization. */
export function HomePage() {
  const permissions = usePermissions();
  const own = useOrganizations({ page: 0, size: 1 });
  if (permissions.seesOrganizationList) return <Navigate to="/organizations" replace />;
  if (own.error) return <Problem error={own.error} />;
  const slug = own.data?.items?.[0]?.slug;
  if (slug) return <Navigate to={`/o/${slug}`} replace />;
  return own.isPending ? <Loader /> : <Problem error={new Error("no organization")} />;
}
