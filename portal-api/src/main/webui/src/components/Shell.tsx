import { AppShell, Burger, Button, Group, NavLink, NativeSelect, Text, TextInput, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink as RouterNavLink, Outlet, useMatch, useNavigate } from "react-router";
import { useBlobUrl } from "../api/images";
import { useBranding } from "../api/queries";
import { usePermissions, useSession } from "../auth/SessionContext";
import { signOut } from "../auth/session";
import { languages } from "../i18n/i18n";

/** Header (product, language, user, sign out) and, inside an organization, its navigation. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const permissions = usePermissions();
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const inOrganization = useMatch("/o/:slug/*");
  const slug = inOrganization?.params.slug;
  const branding = useBranding().data;
  const logo = useBlobUrl(branding?.logo).url;
  const brand = branding?.consoleName ?? "Voipconfig";
  useEffect(() => {
    document.title = brand;
  }, [brand]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={slug ? { width: 220, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {slug && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.menu")} />}
            <Title order={1} size="h4" miw={0}>
              <Link to="/" className="brand" data-testid="brand">
                {logo && <img src={logo} alt="" className="brand-logo" />}
                <span className="brand-name">{brand}</span>
              </Link>
            </Title>
            {permissions.seesOrganizationList && (
              <Button component={Link} to="/organizations" variant="subtle" size="compact-sm" visibleFrom="xs">
                {t("nav.organizations")}
              </Button>
            )}
            {session.roles.includes("operator") && (
              <>
                <Button component={Link} to="/partners" variant="subtle" size="compact-sm" visibleFrom="xs">
                  {t("nav.partners")}
                </Button>
                <Button component={Link} to="/security-events" variant="subtle" size="compact-sm" visibleFrom="md">
                  {t("nav.securityEvents")}
                </Button>
                <Button component={Link} to="/audit" variant="subtle" size="compact-sm" visibleFrom="md">
                  {t("nav.audit")}
                </Button>
              </>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <form
              role="search"
              onSubmit={(e) => {
                e.preventDefault();
                const mac = new FormData(e.currentTarget).get("mac")?.toString().trim();
                if (mac) navigate(`/find?mac=${encodeURIComponent(mac)}`);
              }}
            >
              <TextInput name="mac" size="xs" placeholder={t("find.placeholder")} aria-label={t("find.label")} w={190} visibleFrom="xs" />
            </form>
            <NativeSelect
              aria-label={t("nav.language")}
              size="xs"
              value={i18n.resolvedLanguage}
              onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
              data={languages.map((l) => ({ value: l.code, label: l.label }))}
            />
            <Text size="sm" visibleFrom="sm" data-testid="user-name">
              {session.name}
            </Text>
            <Button variant="default" size="compact-sm" onClick={() => void signOut()}>
              {t("nav.signOut")}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {slug && (
        <AppShell.Navbar p="xs" aria-label={t("nav.organization")}>
          {[
            { to: `/o/${slug}`, label: t("nav.overview"), end: true },
            { to: `/o/${slug}/devices`, label: t("nav.devices") },
            { to: `/o/${slug}/activity`, label: t("nav.activity") },
            { to: `/o/${slug}/phonebooks`, label: t("nav.phonebooks") },
            { to: `/o/${slug}/media`, label: t("nav.media") },
            { to: `/o/${slug}/global-xml`, label: t("nav.globalXml") },
            { to: `/o/${slug}/rps`, label: t("nav.rps") },
            { to: `/o/${slug}/security-events`, label: t("nav.securityEvents") },
            { to: `/o/${slug}/audit`, label: t("nav.audit") },
            ...(permissions.writes ? [{ to: `/o/${slug}/users`, label: t("nav.users") }] : []),
          ].map((item) => (
            <NavLink key={item.to} component={RouterNavLink} to={item.to} end={item.end} label={item.label} onClick={close} />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
