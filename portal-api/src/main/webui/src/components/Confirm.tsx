import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Dialog } from "./Dialog";

/** Asks before something is deleted, naming exactly what goes. */
export function Confirm({ opened, title, message, busy, onConfirm, onClose }: {
  opened: boolean;
  title: string;
  message: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog opened={opened} onClose={onClose} title={title} centered>
      <Text size="sm">{message}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t("action.cancel")}
        </Button>
        <Button color="red" loading={busy} onClick={onConfirm}>
          {t("action.delete")}
        </Button>
      </Group>
    </Dialog>
  );
}
