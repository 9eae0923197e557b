import { Badge } from "@/components/ui/badge";
import type { DatedRates } from "@/lib/backend";
import { calendarDate } from "@/lib/format";

/** Marks figures converted at provisional rates (the nearest earlier day's, until the rate service answers for this one). */
export function ProvisionalBadge({ rates, testid }: { rates: DatedRates | null; testid?: string }) {
  if (!rates?.provisional) return null;
  return (
    <Badge
      variant="outline"
      data-testid={testid}
      className="ml-1 border-amber-500/60 text-amber-700 dark:text-amber-400"
      title={`Rates of ${calendarDate(rates.published)} used for ${calendarDate(rates.date)} until the rate service answers for that day`}
    >
      provisional
    </Badge>
  );
}
