import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "wouter";
import { clearHighlight } from "@/alerts/highlight";
import { ROUTES } from "./routes";
import { Sidebar } from "./Sidebar";
import { StatusBar } from "./StatusBar";

/** Alt+1…Alt+9 open the pages in sidebar order. */
function useShortcuts(navigate: (to: string) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const m = /^Digit([1-9])$/.exec(e.code);
      const route = m ? ROUTES[Number(m[1]) - 1] : undefined;
      if (!route) return;
      e.preventDefault();
      navigate(route.path);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
}

export function Layout({ children }: { children: ReactNode }) {
  const [location, navigate] = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useShortcuts(navigate);
  // A highlighted alert (from open_alert) stays marked until the user leaves the Alerts page.
  useEffect(() => {
    if (location !== "/alerts") clearHighlight();
  }, [location]);
  // After a navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [location]);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main-content"
        onClick={(e) => {
          // Hash routing: keep the route, just move focus.
          e.preventDefault();
          main.current?.focus();
        }}
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <main id="main-content" ref={main} tabIndex={-1} className="flex-1 p-4 outline-none md:p-6">
          {children}
        </main>
        <StatusBar />
      </div>
    </div>
  );
}
