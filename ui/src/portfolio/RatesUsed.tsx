import type { Transaction } from "@/lib/backend";
import { calendarDate, rate } from "@/lib/format";
import { ProvisionalBadge } from "./ProvisionalBadge";

/** The rates a transaction was converted at: the ones paid when given, else its date's (marked when provisional). */
export function RatesUsed({ t }: { t: Transaction }) {
  if (!t.rates) return <span className="text-muted-foreground">not known yet</span>;
  const paid = t.fx_rate_eur !== null || t.fx_rate_czk !== null;
  return (
    <span className="whitespace-nowrap">
      <span className="tabular-nums">
        {rate(t.rates.rates.eur)} EUR · {rate(t.rates.rates.czk)} CZK
      </span>
      <span className="block text-xs text-muted-foreground">
        {paid ? "as paid" : `of ${calendarDate(t.rates.published)}`}
        <ProvisionalBadge rates={t.rates} testid={`tx-provisional-${t.kind}-${t.id}`} />
      </span>
    </span>
  );
}
