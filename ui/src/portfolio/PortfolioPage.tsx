import { useState } from "react";
import { PageHeader } from "@/app/PageHeader";
import { CurrencyToggle } from "@/components/CurrencyToggle";
import { FxStatus } from "@/components/FxStatus";
import type { Method } from "@/lib/backend";
import { useDisplayCurrency } from "@/lib/display-currency";
import { useCommandQuery, usePortfolioWith } from "@/lib/queries";
import { HoldingForm } from "./HoldingForm";
import { HoldingsCard } from "./HoldingsCard";
import { ImportCard } from "./ImportCard";
import { MethodSelect } from "./MethodSelect";
import { methodToAsk } from "./methods";
import { SellForm } from "./SellForm";
import { SummaryCard } from "./SummaryCard";
import { TransactionsCard } from "./TransactionsCard";

export function PortfolioPage() {
  const [currency, setCurrency] = useDisplayCurrency();
  const [chosen, setChosen] = useState<Method | null>(null);
  const portfolio = useCommandQuery("portfolio");
  const inUse = portfolio.data?.method;
  const asked = methodToAsk(chosen, inUse);
  const other = usePortfolioWith(asked);
  const valuation = asked === null ? portfolio : other;
  const method = chosen ?? inUse;
  return (
    <>
      <PageHeader title="Portfolio" description="Your buys and sales, valued at the latest prices in USD, EUR and CZK.">
        <div className="flex flex-wrap items-end gap-3">
          <FxStatus rates={valuation.data?.rates_now} />
          {method && inUse && <MethodSelect value={method} inUse={inUse} onChange={setChosen} />}
          <CurrencyToggle value={currency} onChange={setCurrency} />
        </div>
      </PageHeader>
      <div className="flex flex-col gap-5">
        <HoldingForm />
        <SellForm />
        <HoldingsCard valuation={valuation} currency={currency} />
        <SummaryCard method={method} currency={currency} />
        <TransactionsCard currency={currency} inUse={inUse} />
        <ImportCard />
      </div>
    </>
  );
}
