import { Button } from "@/components/ui/button";
import type { Currency } from "@/lib/backend";
import { CURRENCIES } from "@/lib/currency";

/** USD / EUR / CZK as toggle buttons (Tab to reach, Enter or Space to pick): the currency figures are shown in. */
export function CurrencyToggle({ value, onChange }: { value: Currency; onChange(c: Currency): void }) {
  return (
    <div className="flex flex-col gap-1.5">
      <span id="currency-toggle-label" className="text-xs font-medium leading-none text-muted-foreground">
        Show in
      </span>
      <div role="group" aria-labelledby="currency-toggle-label" data-testid="currency-toggle" className="inline-flex rounded-md border border-input p-0.5">
        {CURRENCIES.map((c) => (
          <Button
            key={c}
            size="sm"
            variant={c === value ? "default" : "ghost"}
            className="h-7"
            data-testid={`currency-toggle-${c}`}
            aria-pressed={c === value}
            onClick={() => onChange(c)}
          >
            {c}
          </Button>
        ))}
      </div>
    </div>
  );
}
