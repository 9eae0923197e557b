import { Badge } from "@/components/ui/badge";
import type { LatestRates } from "@/lib/backend";
import { calendarDate, rate } from "@/lib/format";

/**
 * The rates EUR and CZK figures are converted at: "Rates stale" when the
 * rate service could not be reached (the last known ones are used), "No FX
 * rates yet" before any rate is known (EUR and CZK figures are then unknown).
 */
export function FxStatus({ rates }: { rates: LatestRates | null | undefined }) {
  if (rates === undefined) return null;
  if (rates === null) {
    return (
      <Badge variant="destructive" data-testid="fx-none" title="EUR and CZK figures appear once the rate service has answered">
        No FX rates yet
      </Badge>
    );
  }
  const text = `1 USD = ${rate(rates.rates.eur)} EUR · ${rate(rates.rates.czk)} CZK (${calendarDate(rates.date)})`;
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs text-muted-foreground" data-testid="fx-rates">
      {rates.stale && (
        <Badge variant="destructive" data-testid="fx-stale" title="The rate service could not be reached: the last known rates are used">
          Rates stale
        </Badge>
      )}
      <span>{text}</span>
    </span>
  );
}
