import { X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

interface Notice {
  id: number;
  title: string;
  message: string;
}

interface Notices {
  /** Shows a failure to the user until dismissed (same title replaces the previous one). */
  notify(title: string, message: string): void;
}

const NoticeContext = createContext<Notices | null>(null);

export function useNotices(): Notices {
  const n = useContext(NoticeContext);
  if (!n) throw new Error("useNotices needs a <NoticeProvider>");
  return n;
}

let nextId = 1;

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((title: string, message: string) => {
    setNotices((list) => [...list.filter((n) => n.title !== title), { id: nextId++, title, message }]);
  }, []);
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div id="notices" className="pointer-events-none fixed right-4 bottom-14 z-40 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
        {notices.map((n) => (
          <div
            key={n.id}
            role="alert"
            className="pointer-events-auto flex items-start gap-2 rounded-md border border-destructive/40 bg-card p-3 text-sm text-card-foreground shadow-lg"
          >
            <div className="min-w-0 flex-1">
              <p className="font-semibold text-destructive">{n.title}</p>
              <p className="break-words text-muted-foreground">{n.message}</p>
            </div>
            <Button variant="ghost" size="icon" className="h-7 w-7" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
              <X aria-hidden="true" />
            </Button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
