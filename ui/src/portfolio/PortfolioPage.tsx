import { PageHeader } from "@/app/PageHeader";
import { Card, CardContent } from "@/components/ui/card";
import { QueryError } from "@/components/QueryError";
import { useCommandQuery } from "@/lib/queries";
import { HoldingForm } from "./HoldingForm";
import { HoldingsTable } from "./HoldingsTable";

export function PortfolioPage() {
  const portfolio = useCommandQuery("portfolio");
  return (
    <>
      <PageHeader title="Portfolio" description="Your holdings, valued in USD at the latest prices." />
      <div className="flex flex-col gap-5">
        <HoldingForm />
        <Card aria-label="Holdings">
          <CardContent className="pt-4">
            {portfolio.isPending && <p className="text-sm text-muted-foreground">Loading holdings…</p>}
            {portfolio.isError && <QueryError what="the portfolio" error={portfolio.error} />}
            {portfolio.data && <HoldingsTable valuation={portfolio.data} />}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
