import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Route, Router, Switch } from "wouter";
import { useHashLocation } from "wouter/use-hash-location";
import { ConfirmProvider } from "@/components/ui/confirm-dialog";
import { errorMessage, type Backend } from "@/lib/backend";
import { BackendProvider } from "@/lib/backend-context";
import { useLiveUpdates } from "@/lib/live";
import { createQueryClient } from "@/lib/queries";
import { ErrorBoundary } from "./ErrorBoundary";
import { Layout } from "./Layout";
import { NoticeProvider, useNotices } from "./notices";
import { PageHeader } from "./PageHeader";
import { ROUTES } from "./routes";

function LiveUpdates() {
  const { notify } = useNotices();
  const onError = useCallback(
    (e: unknown) => notify("Live updates stopped", `${errorMessage(e)} — restart Cryptodesk to see changes as they happen.`),
    [notify],
  );
  useLiveUpdates(onError);
  return null;
}

function NotFound() {
  return <PageHeader title="Page not found" description="Pick a page in the sidebar." />;
}

export interface AppProps {
  /** Defaults to the Tauri backend in the app window, the mock elsewhere. */
  backend?: Backend;
  queryClient?: QueryClient;
}

export function App({ backend, queryClient }: AppProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <BackendProvider backend={backend}>
      <QueryClientProvider client={client}>
        <NoticeProvider>
          <ConfirmProvider>
            <LiveUpdates />
            <Router hook={useHashLocation}>
              <Layout>
                <Switch>
                  {ROUTES.map((r) => (
                    <Route key={r.path} path={r.pattern ?? r.path}>
                      <ErrorBoundary resetKey={r.path}>
                        <r.page />
                      </ErrorBoundary>
                    </Route>
                  ))}
                  <Route>
                    <NotFound />
                  </Route>
                </Switch>
              </Layout>
            </Router>
          </ConfirmProvider>
        </NoticeProvider>
      </QueryClientProvider>
    </BackendProvider>
  );
}
