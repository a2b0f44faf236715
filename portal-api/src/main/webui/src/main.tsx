import "@mantine/core/styles.css";
import "./console.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { ApiProblem } from "./api/problem";
import { App } from "./App";
import { SessionContext } from "./auth/SessionContext";
import { createUserManager, ensureSignedIn, sessionOf, type ConsoleConfig } from "./auth/session";
import "./i18n/i18n";
import { cssVariables, theme } from "./theme";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again (not found, forbidden, invalid); everything else is retried twice.
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
    },
  },
});

async function start() {
  const response = await fetch("/api/v1/console/config");
  const config = (await response.json()) as ConsoleConfig;
  createUserManager(config);
  const user = await ensureSignedIn();
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <QueryClientProvider client={queryClient}>
          <SessionContext.Provider value={sessionOf(user)}>
            <BrowserRouter basename="/console">
              <App />
            </BrowserRouter>
          </SessionContext.Provider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  // Without the config or the login there is no app to render; say so in plain text.
  const root = document.getElementById("root")!;
  root.textContent = `The console could not start: ${error instanceof Error ? error.message : String(error)}`;
});
