import { Anchor, Card, SimpleGrid, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDevices, type DeviceListParams } from "../api/queries";

/**
 * How an organization's phones are doing, each figure a link to the fleet table filtered to those phones. Every
 * figure is the count of one filtered fleet query (one indexed count each), so it is what the table will show.
 */
export function HealthSummary({ slug }: { slug: string }) {
  const { t } = useTranslation();
  // A stable "24 hours ago" per hour, so the count is cached instead of refetched at every render.
  const dayAgo = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 86_400_000).toISOString();
  const figures: { label: string; filter: Partial<DeviceListParams>; link: string }[] = [
    { label: t("health.devices"), filter: {}, link: "" },
    { label: t("health.seen24h"), filter: { seenAfter: dayAgo }, link: `seenAfter=${encodeURIComponent(dayAgo)}` },
    { label: t("health.neverSeen"), filter: { neverSeen: "true" }, link: "presence=never" },
    { label: t("health.pending"), filter: { pending: "true" }, link: "pending=true" },
    { label: t("health.rpsConflicts"), filter: { rps: "CONFLICT" }, link: "rps=CONFLICT" },
  ];
  return (
    <Card withBorder data-testid="health">
      <Title order={3} size="h5" mb="xs">
        {t("health.title")}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        {figures.map((f) => (
          <Figure key={f.label} slug={slug} {...f} />
        ))}
      </SimpleGrid>
    </Card>
  );
}

function Figure({ slug, label, filter, link }: { slug: string; label: string; filter: Partial<DeviceListParams>; link: string }) {
  const count = useDevices(slug, { page: 0, size: 1, ...filter });
  return (
    <div>
      <Anchor component={Link} to={`/o/${slug}/devices${link ? `?${link}` : ""}`} fz="xl" fw={700}>
        {count.data?.totalItems ?? "–"}
      </Anchor>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </div>
  );
}
