import type { Allocation as AllocationItem } from "@/lib/backend";
import { money, percent } from "@/lib/format";

/** One bar per asset; the bar's width is the share (a decimal string used as a CSS percentage). */
export function Allocation({ items }: { items: AllocationItem[] }) {
  if (items.length === 0) {
    return (
      <p id="allocation" className="text-sm italic text-muted-foreground">
        Nothing to allocate yet: add a holding on the Portfolio page.
      </p>
    );
  }
  return (
    <ul id="allocation" className="flex flex-col gap-3">
      {items.map((a) => (
        <li key={a.symbol} data-symbol={a.symbol} className="grid grid-cols-[4rem_1fr_auto] items-center gap-3 text-sm">
          <span className="font-medium">{a.symbol}</span>
          <span className="h-2.5 overflow-hidden rounded-full bg-muted" aria-hidden="true">
            <span className="block h-full rounded-full bg-primary" style={{ width: `${a.share_pct}%` }} />
          </span>
          <span className="text-right tabular-nums">
            {money(a.value_usd)} <span className="text-muted-foreground">· {percent(a.share_pct)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
