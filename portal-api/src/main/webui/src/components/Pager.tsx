import { Group, Pagination, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function Pager({ page, totalPages, totalItems, onPage }: {
  page: number;
  totalPages: number;
  totalItems: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {t("list.total", { count: totalItems })}
      </Text>
      {totalPages > 1 && (
        <Pagination
          size="sm"
          total={totalPages}
          value={page + 1}
          onChange={(p) => onPage(p - 1)}
          getControlProps={(control) => ({ "aria-label": t(`list.${control}`) })}
          getItemProps={(p) => ({ "aria-label": t("list.page", { page: p }) })}
        />
      )}
    </Group>
  );
}
