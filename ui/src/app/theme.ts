// Light, dark or the system's choice. The saved choice is `Settings.theme`
// (the config file); localStorage only caches it so the first frame, painted
// before the settings arrive, already has the right colours.
// Dark mode is the `dark` class on <html> (Tailwind's custom dark variant).

import { useEffect } from "react";
import type { Theme } from "@/lib/backend";

export type { Theme };
export const THEMES: readonly Theme[] = ["system", "light", "dark"];
export const THEME_LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
const KEY = "cryptodesk.theme";

export function isTheme(v: unknown): v is Theme {
  return typeof v === "string" && (THEMES as readonly string[]).includes(v);
}

/** The cached theme (the last one applied), for the first paint. */
export function storedTheme(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return isTheme(v) ? v : "system";
  } catch {
    return "system";
  }
}

/** Remembers the theme for the next first paint. */
export function cacheTheme(theme: Theme): void {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage may be unavailable: the next start then flashes the default once.
  }
}

function systemDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Puts the theme on <html>. */
export function applyTheme(theme: Theme): void {
  const dark = theme === "dark" || (theme === "system" && systemDark());
  const root = document.documentElement;
  if (root.classList.contains("dark") === dark) return;
  // Flip every colour at once instead of letting each element's transition run.
  root.classList.add("theme-switching");
  root.classList.toggle("dark", dark);
  root.style.colorScheme = dark ? "dark" : "light";
  void root.offsetHeight;
  requestAnimationFrame(() => root.classList.remove("theme-switching"));
}

/** Keeps <html> on `theme` (following the OS for "system") and caches it. */
export function useAppliedTheme(theme: Theme): void {
  useEffect(() => {
    applyTheme(theme);
    cacheTheme(theme);
    if (theme !== "system" || typeof window.matchMedia !== "function") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyTheme("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [theme]);
}
