import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { applyTheme, storedTheme } from "./app/theme";
import { backend } from "./lib/backend";
import "./index.css";

declare global {
  interface Window {
    /** performance.now() at the first frame after the first commit (read by a benchmark). */
    __cryptodeskFirstPaint?: number;
  }
}

/** Marks the first paint: effects run after the commit, the frame after that is painted. */
function FirstPaintMark() {
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (window.__cryptodeskFirstPaint !== undefined) return;
      window.__cryptodeskFirstPaint = performance.now();
      // The app logs it with the wall-clock time (start-up benchmark).
      backend()
        .call("first_paint", { ms: window.__cryptodeskFirstPaint })
        .catch((e: unknown) => console.warn("could not report the first paint", e));
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return null;
}

// Before the first render, so the first frame already has the right theme.
applyTheme(storedTheme());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <App />
    <FirstPaintMark />
  </StrictMode>,
);
