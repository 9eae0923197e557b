import { createContext, useContext, type ReactNode } from "react";
import { backend as defaultBackend, type Backend } from "./backend";

const BackendContext = createContext<Backend | null>(null);

/** Provides the Backend to the tree (tests pass a fake one). */
export function BackendProvider({ backend, children }: { backend?: Backend; children: ReactNode }) {
  return <BackendContext.Provider value={backend ?? defaultBackend()}>{children}</BackendContext.Provider>;
}

export function useBackend(): Backend {
  const b = useContext(BackendContext);
  if (!b) throw new Error("useBackend needs a <BackendProvider>");
  return b;
}
