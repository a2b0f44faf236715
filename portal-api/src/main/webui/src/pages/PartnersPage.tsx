import { Anchor, Stack, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api/client";
import { Problem } from "../components/Problem";

/** The operator's partners: each one's host name, quotas, and a way into its organizations. */
export function PartnersPage() {
  const { t } = useTranslation();
  const partners = useQuery({
    queryKey: ["partners"],
    queryFn: async () => (await api.GET("/api/v1/partners", { params: { query: { size: 500, sort: "name" } } })).data!,
  });
  return (
    <Stack>
      <Title order={2}>{t("partners.title")}</Title>
      <Problem error={partners.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("organizations.name")}</Table.Th>
              <Table.Th>{t("organizations.slug")}</Table.Th>
              <Table.Th>{t("partners.host")}</Table.Th>
              <Table.Th>{t("partners.maxOrganizations")}</Table.Th>
              <Table.Th>{t("partners.maxDevices")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {partners.data?.items?.map((p) => (
              <Table.Tr key={p.id} data-partner={p.slug}>
                <Table.Td>{p.consoleName ?? p.name}</Table.Td>
                <Table.Td>{p.slug}</Table.Td>
                <Table.Td>{p.provisioningHost ?? "–"}</Table.Td>
                <Table.Td>{p.maxOrganizations ?? "∞"}</Table.Td>
                <Table.Td>{p.maxDevices ?? "∞"}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/organizations?partner=${p.id}`}>
                    {t("partners.organizations")}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
