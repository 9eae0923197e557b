import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { TableHead } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import type { Sort, SortKey } from "./sort";

export interface Column {
  key: SortKey;
  label: string;
  numeric?: boolean;
}

/** A column header that sorts by its column (ascending, descending, off). */
export function SortHeader({ column, sort, onSort }: { column: Column; sort: Sort | null; onSort: (key: SortKey) => void }) {
  const active = sort?.key === column.key;
  const Icon = !active ? ArrowUpDown : sort.dir === "ascending" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? sort.dir : undefined} className={cn(column.numeric && "text-right")}>
      <button
        type="button"
        onClick={() => onSort(column.key)}
        className={cn(
          "inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          active && "text-foreground",
        )}
      >
        {column.label}
        <Icon aria-hidden="true" className={cn("size-3", !active && "opacity-40")} />
      </button>
    </TableHead>
  );
}
