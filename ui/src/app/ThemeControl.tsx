import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Select } from "@/components/ui/select";
import { errorMessage, type Settings } from "@/lib/backend";
import { queryKey, useCommandQuery, useSaveSettings } from "@/lib/queries";
import { unchangedInput } from "@/settings/settings-input";
import { useNotices } from "./notices";
import { isTheme, storedTheme, THEME_LABELS, THEMES, useAppliedTheme, type Theme } from "./theme";

/**
 * The sidebar's theme picker, and the one place that keeps <html> on the
 * saved theme. A change is applied at once and saved with save_settings
 * (everything else unchanged, the Telegram token kept).
 */
export function ThemeControl() {
  const settings = useCommandQuery("settings");
  const save = useSaveSettings();
  const qc = useQueryClient();
  const { notify } = useNotices();
  // Until the settings arrive (or if they cannot be read): the cached theme.
  const [fallback, setFallback] = useState<Theme>(storedTheme);
  const theme = settings.data?.theme ?? fallback;
  useAppliedTheme(theme);

  function onChange(value: string) {
    if (!isTheme(value)) return;
    const saved = settings.data;
    if (!saved) {
      setFallback(value);
      return;
    }
    const key = queryKey("settings");
    qc.setQueryData<Settings>(key, { ...saved, theme: value });
    save.mutate(unchangedInput(saved, { theme: value }), {
      onError: (e) => {
        qc.setQueryData<Settings>(key, (s) => (s && s.theme === value ? { ...s, theme: saved.theme } : s));
        notify("Could not save the theme", errorMessage(e));
      },
    });
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor="theme" className="text-xs text-muted-foreground">
        Theme
      </label>
      <Select id="theme" className="h-8 text-xs" value={theme} onChange={(e) => onChange(e.target.value)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {THEME_LABELS[t]}
          </option>
        ))}
      </Select>
    </div>
  );
}
