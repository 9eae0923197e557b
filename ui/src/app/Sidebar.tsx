import { Link, useLocation } from "wouter";
import { cn } from "@/lib/utils";
import { isActive, ROUTES } from "./routes";
import { ThemeControl } from "./ThemeControl";

export function Sidebar() {
  const [location] = useLocation();
  return (
    <aside className="flex w-full shrink-0 flex-col border-b border-border bg-sidebar text-sidebar-foreground md:sticky md:top-0 md:h-screen md:w-56 md:border-r md:border-b-0">
      <div className="flex items-center gap-2 px-4 py-4">
        <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
          ₿
        </span>
        <span className="text-base font-semibold tracking-tight">Cryptodesk</span>
      </div>
      <nav aria-label="Main" className="flex-1 px-2">
        <ul className="flex gap-1 md:flex-col">
          {ROUTES.map((r, i) => {
            const active = isActive(r, location);
            const Icon = r.icon;
            return (
              <li key={r.path}>
                <Link
                  href={r.path}
                  id={`nav-${r.slug}`}
                  aria-current={active ? "page" : undefined}
                  aria-keyshortcuts={`Alt+${i + 1}`}
                  title={`${r.label} (Alt+${i + 1})`}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium outline-none transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring",
                    active && "bg-accent text-accent-foreground",
                  )}
                >
                  <Icon aria-hidden="true" className="size-4" />
                  <span>{r.label}</span>
                  <kbd aria-hidden="true" className="ml-auto hidden text-[10px] text-muted-foreground md:inline">
                    Alt+{i + 1}
                  </kbd>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="border-t border-border px-4 py-3">
        <ThemeControl />
      </div>
    </aside>
  );
}
