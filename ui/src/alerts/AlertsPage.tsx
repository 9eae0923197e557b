import { useEffect, useRef } from "react";
import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useCommandQuery } from "@/lib/queries";
import { AlertForm } from "./AlertForm";
import { AlertHistory } from "./AlertHistory";
import { AlertsPause } from "./AlertsPause";
import { AlertsTable } from "./AlertsTable";
import { useHighlightedAlert } from "./highlight";

export function AlertsPage() {
  const alerts = useCommandQuery("alerts");
  const history = useCommandQuery("alert_history");
  const highlight = useHighlightedAlert();
  const highlighted = highlight?.alertId ?? null;
  // Scroll to the alert the user asked for, once its rows are on the page.
  const scrolled = useRef(0);
  useEffect(() => {
    if (!highlight || scrolled.current === highlight.seq) return;
    const row = document.querySelector<HTMLElement>('#alert-history [data-highlighted="true"], #alerts-table [data-highlighted="true"]');
    if (!row) return;
    scrolled.current = highlight.seq;
    row.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [highlight, alerts.data, history.data]);
  return (
    <>
      <PageHeader title="Alerts" description="Get notified when a price reaches or crosses a level, enters or leaves a channel, or moves by a percent within a time. An alert fires once, then turns off, unless it is set to fire every time.">
        <AlertsPause />
      </PageHeader>
      <div className="flex flex-col gap-5">
        <AlertForm />
        <Card aria-labelledby="alerts-title">
          <CardHeader>
            <CardTitle id="alerts-title">Your alerts</CardTitle>
          </CardHeader>
          <CardContent>
            {alerts.isPending && <p className="text-sm text-muted-foreground">Loading alerts…</p>}
            {alerts.isError && <QueryError what="the alerts" error={alerts.error} />}
            {alerts.data && <AlertsTable alerts={alerts.data} highlighted={highlighted} />}
          </CardContent>
        </Card>
        <Card aria-labelledby="history-title">
          <CardHeader>
            <CardTitle id="history-title">Fired</CardTitle>
          </CardHeader>
          <CardContent>
            {history.isPending && <p className="text-sm text-muted-foreground">Loading history…</p>}
            {history.isError && <QueryError what="the alert history" error={history.error} />}
            {history.data && <AlertHistory id="alert-history" events={history.data} highlighted={highlighted} />}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
