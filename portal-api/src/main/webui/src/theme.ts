import { createTheme, type CSSVariablesResolver } from "@mantine/core";

// Colours chosen for WCAG AA contrast (the browser tests run axe-core on every page): the primary colour one shade
// darker than Mantine's default, text on filled colours black or white by luminance, and "dimmed" text and the text
// of light and subtle variants (shade 6 by default: 3–4:1 on white) darker.
export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.25,
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7],
    ...Object.fromEntries(Object.keys(t.colors).map((name) => [`--mantine-color-${name}-light-color`, t.colors[name][9]])),
  },
  dark: {},
});
