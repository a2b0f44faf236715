import { Modal, type ModalProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Mantine's Modal with a named close button (an icon alone says nothing to a screen reader). */
export function Dialog(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal closeButtonProps={{ "aria-label": t("action.close") }} {...props} />;
}
