import type { UseQueryResult } from "@tanstack/react-query";
import { QueryError } from "@/components/QueryError";
import { Card, CardContent } from "@/components/ui/card";
import type { Currency, Valuation } from "@/lib/backend";
import { HoldingsTable } from "./HoldingsTable";

export function HoldingsCard({ valuation, currency }: { valuation: UseQueryResult<Valuation>; currency: Currency }) {
  return (
    <Card aria-label="Holdings">
      <CardContent className="pt-4">
        {valuation.isPending && valuation.fetchStatus !== "idle" && <p className="text-sm text-muted-foreground">Loading holdings…</p>}
        {valuation.isError && <QueryError what="the portfolio" error={valuation.error} />}
        {valuation.data && <HoldingsTable valuation={valuation.data} currency={currency} />}
      </CardContent>
    </Card>
  );
}
