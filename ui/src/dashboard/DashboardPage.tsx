import { AlertHistory } from "@/alerts/AlertHistory";
import { PageHeader } from "@/app/PageHeader";
import { CurrencyToggle } from "@/components/CurrencyToggle";
import { FxStatus } from "@/components/FxStatus";
import { QueryError } from "@/components/QueryError";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useDisplayCurrency } from "@/lib/display-currency";
import { useCommandQuery } from "@/lib/queries";
import { Allocation } from "./Allocation";
import { FeedCard } from "./FeedCard";
import { NetWorth } from "./NetWorth";
import { TrackedPrices } from "./TrackedPrices";

function Loading() {
  return <p className="text-sm text-muted-foreground">Loading…</p>;
}

export function DashboardPage() {
  const portfolio = useCommandQuery("portfolio");
  const prices = useCommandQuery("tracked_prices");
  const history = useCommandQuery("alert_history");
  const [currency, setCurrency] = useDisplayCurrency();
  return (
    <>
      <PageHeader title="Dashboard" description="Your net worth, where it sits, and what the market is doing.">
        <div className="flex flex-wrap items-end gap-3">
          <FxStatus rates={portfolio.data?.rates_now} />
          <CurrencyToggle value={currency} onChange={setCurrency} />
        </div>
      </PageHeader>
      <div className="grid gap-5 lg:grid-cols-3">
        <Card aria-labelledby="net-worth-title" className="lg:col-span-1">
          <CardHeader>
            <CardTitle id="net-worth-title">Net worth</CardTitle>
            <CardDescription>Holdings valued at the latest prices and rates</CardDescription>
          </CardHeader>
          <CardContent>
            {portfolio.isPending && <Loading />}
            {portfolio.isError && <QueryError what="the portfolio" error={portfolio.error} />}
            {portfolio.data && <NetWorth valuation={portfolio.data} currency={currency} />}
          </CardContent>
        </Card>
        <Card aria-labelledby="allocation-title" className="lg:col-span-2">
          <CardHeader>
            <CardTitle id="allocation-title">Allocation</CardTitle>
            <CardDescription>Share of the portfolio's value per asset (values in USD)</CardDescription>
          </CardHeader>
          <CardContent>
            {portfolio.isPending && <Loading />}
            {portfolio.data && <Allocation items={portfolio.data.allocation} />}
          </CardContent>
        </Card>
        <Card aria-labelledby="tracked-title" className="lg:col-span-2">
          <CardHeader>
            <CardTitle id="tracked-title">Tracked prices</CardTitle>
            <CardDescription>Live from the price feed</CardDescription>
          </CardHeader>
          <CardContent>
            {prices.isPending && <Loading />}
            {prices.isError && <QueryError what="the prices" error={prices.error} />}
            {prices.data && <TrackedPrices prices={prices.data} />}
          </CardContent>
        </Card>
        <FeedCard />
        <Card aria-labelledby="recent-alerts-title" className="lg:col-span-3">
          <CardHeader>
            <CardTitle id="recent-alerts-title">Recently fired alerts</CardTitle>
          </CardHeader>
          <CardContent>
            {history.isPending && <Loading />}
            {history.isError && <QueryError what="the alert history" error={history.error} />}
            {history.data && <AlertHistory id="recent-alerts" events={history.data} limit={5} />}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
