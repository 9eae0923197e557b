import { QueryError } from "@/components/QueryError";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Currency, Method } from "@/lib/backend";
import { usePortfolioSummary } from "@/lib/queries";
import { methodDescription, methodLabel } from "./methods";
import { SummaryTable } from "./SummaryTable";

/** Realized and unrealized P&L per asset and in total under `method`. */
export function SummaryCard({ method, currency }: { method: Method | undefined; currency: Currency }) {
  const summary = usePortfolioSummary(method);
  return (
    <Card aria-labelledby="summary-title">
      <CardHeader>
        <CardTitle id="summary-title">Summary{method ? ` (${methodLabel(method)})` : ""}</CardTitle>
        <CardDescription>{method ? methodDescription(method) : "Per asset and in total"}</CardDescription>
      </CardHeader>
      <CardContent>
        {summary.isPending && summary.fetchStatus !== "idle" && <p className="text-sm text-muted-foreground">Loading the summary…</p>}
        {summary.isError && <QueryError what="the summary" error={summary.error} />}
        {summary.data && <SummaryTable summary={summary.data} currency={currency} />}
      </CardContent>
    </Card>
  );
}
