import { submitWith } from "@/components/record-form";
import { Bell, PlugZap, Save, TriangleAlert } from "lucide-react";
import { useState, type ReactNode } from "react";
import { THEME_LABELS, THEMES } from "@/app/theme";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { errorMessage, type ConnectionReport, type Settings } from "@/lib/backend";
import { measure } from "@/lib/format";
import { useFormErrors } from "@/lib/form-errors";
import { useSaveSettings, useSendTestNotification, useTestConnection } from "@/lib/queries";
import {
  CURRENCIES,
  mergeSettingsValues,
  OVERRIDE_FIELDS,
  SETTINGS_FIELDS,
  settingsFormValues,
  settingsInput,
  type SettingsFormValues,
} from "./settings-input";

/** Fields with a "test" button, and what the last test said. */
type Tested = "database_url" | "redis_url" | "notifications";
type TestOutcome = { ok: string } | { error: string };

/** "PostgreSQL 15.19 · 0.8 ms", plus the note when there is one. */
export function reportText(r: ConnectionReport): string {
  return `${r.server} · ${measure(r.round_trip_ms, "ms", { digits: 1 })}${r.note ? ` (${r.note})` : ""}`;
}

function TestResult({ field, outcome }: { field: Tested; outcome: TestOutcome | undefined }) {
  // Always rendered, so screen readers announce the result when it appears.
  return (
    <p data-result-for={field} role="status" className="text-xs font-medium text-gain empty:hidden">
      {outcome && "ok" in outcome ? outcome.ok : ""}
    </p>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="grid items-start gap-4 sm:grid-cols-2">{children}</CardContent>
    </Card>
  );
}

export function SettingsForm({ settings }: { settings: Settings }) {
  const save = useSaveSettings();
  const testDatabase = useTestConnection("test_database");
  const testRedis = useTestConnection("test_redis");
  const testNotification = useSendTestNotification();
  const errors = useFormErrors(SETTINGS_FIELDS);
  const [base, setBase] = useState(settings);
  const [values, setValues] = useState<SettingsFormValues>(() => settingsFormValues(settings));
  const [tests, setTests] = useState<Partial<Record<Tested, TestOutcome>>>({});
  const [saved, setSaved] = useState(false);

  // Saved settings changed under the form (the sidebar's theme, a save
  // elsewhere): take them for the fields the user has not edited.
  if (settings !== base) {
    setBase(settings);
    setValues((v) => mergeSettingsValues(v, settingsFormValues(base), settingsFormValues(settings)));
  }

  function set<K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
    if (key === "database_url" || key === "redis_url" || key === "notifications") {
      setTests(({ [key]: _dropped, ...rest }) => rest);
    }
  }

  const overrideOf = (field: string) => settings.overridden.find((env) => OVERRIDE_FIELDS[env] === field);
  const overrideHint = (field: string) => {
    const env = overrideOf(field);
    return env ? <span className="text-amber-700 dark:text-amber-300">Overridden by {env} from the environment.</span> : undefined;
  };
  const testError = (field: Tested) => {
    const t = tests[field];
    return t && "error" in t ? t.error : null;
  };
  const fieldError = (field: (typeof SETTINGS_FIELDS)[number]) => errors.fieldError(field) ?? (field in tests ? testError(field as Tested) : null);

  async function runTest(field: Tested, run: () => Promise<string>) {
    setTests(({ [field]: _dropped, ...rest }) => rest);
    try {
      const ok = await run();
      setTests((t) => ({ ...t, [field]: { ok } }));
    } catch (e) {
      setTests((t) => ({ ...t, [field]: { error: errorMessage(e) } }));
    }
  }

  const onSubmit = submitWith(errors, async () => {
    setSaved(false);
    const s = await save.mutateAsync(settingsInput(values));
    // The cache now holds `s` too (useSaveSettings), which reaches `settings` and `base`.
    setValues(settingsFormValues(s));
    setTests({});
    setSaved(true);
  });

  const urlField = (field: "database_url" | "redis_url", label: string, placeholder: string, hint: string, testId: string) => {
    const mutation = field === "database_url" ? testDatabase : testRedis;
    return (
      <div className="flex flex-col gap-1.5 sm:col-span-2">
        <Field name={field} label={label} error={fieldError(field)} hint={overrideHint(field) ?? hint}>
          {(p) => (
            <div className="flex gap-2">
              <Input
                {...p}
                value={values[field]}
                onChange={(e) => set(field, e.target.value)}
                placeholder={placeholder}
                autoComplete="off"
                spellCheck={false}
                className="font-mono text-xs"
              />
              <Button
                type="button"
                id={testId}
                variant="outline"
                disabled={mutation.isPending}
                onClick={() => runTest(field, async () => reportText(await mutation.mutateAsync(values[field])))}
              >
                <PlugZap aria-hidden="true" />
                {mutation.isPending ? "Testing…" : "Test connection"}
              </Button>
            </div>
          )}
        </Field>
        <TestResult field={field} outcome={tests[field]} />
      </div>
    );
  };

  return (
    <form id="settings-form" noValidate autoComplete="off" onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-5">
      {settings.overridden.length > 0 && (
        <div id="settings-overridden" role="note" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-800 dark:text-amber-200">
          <p className="flex items-center gap-2 font-medium">
            <TriangleAlert aria-hidden="true" className="size-4" />
            Set in the environment
          </p>
          <ul className="mt-1 list-disc pl-6">
            {settings.overridden.map((env) => (
              <li key={env} data-env={env}>
                <code>{env}</code> overrides the saved value: a change here has no effect until the variable is unset.
              </li>
            ))}
          </ul>
        </div>
      )}

      <Section id="settings-general" title="General">
        <Field name="display_currency" label="Display currency" error={fieldError("display_currency")} hint={overrideHint("display_currency") ?? "Totals are shown in USD until exchange rates arrive; EUR and CZK then follow this choice."}>
          {(p) => (
            <Select {...p} value={values.display_currency} onChange={(e) => set("display_currency", e.target.value)}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          name="poll_seconds"
          label="Price poll interval (seconds)"
          error={fieldError("poll_seconds")}
          hint={overrideHint("poll_seconds") ?? "1 to 3600"}
        >
          {(p) => (
            <Input {...p} type="number" min={1} max={3600} step={1} inputMode="numeric" value={values.poll_seconds} onChange={(e) => set("poll_seconds", e.target.value)} />
          )}
        </Field>
        <Field name="theme" label="Colour scheme" error={fieldError("theme")} hint={overrideHint("theme")}>
          {(p) => (
            <Select {...p} value={values.theme} onChange={(e) => set("theme", e.target.value)}>
              {THEMES.map((t) => (
                <option key={t} value={t}>
                  {THEME_LABELS[t]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </Section>

      <Section id="settings-notifications" title="Notifications" description="Fired alerts show as desktop notifications. The Telegram chat id and bot token are stored now (the token in the secret store); sending to Telegram is not built yet.">
        <div className="flex flex-col gap-2 sm:col-span-2">
          <div className="flex flex-wrap items-center gap-3">
            <CheckboxField
              name="notifications"
              label="Desktop notifications"
              checked={values.notifications}
              onCheckedChange={(v) => set("notifications", v)}
              error={fieldError("notifications")}
              hint={overrideHint("notifications")}
            />
            <Button
              type="button"
              id="test-notification"
              variant="outline"
              size="sm"
              disabled={testNotification.isPending}
              title="Uses the saved settings"
              onClick={() =>
                runTest("notifications", async () => {
                  await testNotification.mutateAsync();
                  return "Test notification sent";
                })
              }
            >
              <Bell aria-hidden="true" />
              Send a test notification
            </Button>
          </div>
          <TestResult field="notifications" outcome={tests.notifications} />
        </div>
        <Field name="telegram_chat_id" label="Telegram chat id" error={fieldError("telegram_chat_id")} hint={overrideHint("telegram_chat_id") ?? "A number, or @channel; empty: none"}>
          {(p) => <Input {...p} value={values.telegram_chat_id} onChange={(e) => set("telegram_chat_id", e.target.value)} autoComplete="off" spellCheck={false} />}
        </Field>
        <div className="flex flex-col gap-2">
          <Field
            name="telegram_bot_token"
            label="Telegram bot token"
            error={fieldError("telegram_bot_token")}
            hint={overrideHint("telegram_bot_token") ?? (settings.telegram_token_set ? "Leave empty to keep the stored token" : undefined)}
          >
            {(p) => (
              <Input
                {...p}
                type="password"
                value={values.telegram_bot_token}
                onChange={(e) => set("telegram_bot_token", e.target.value)}
                placeholder={settings.telegram_token_set ? "stored in the keyring" : "not set"}
                autoComplete="new-password"
                spellCheck={false}
                disabled={values.remove_telegram_token}
              />
            )}
          </Field>
          {settings.telegram_token_set && (
            <CheckboxField
              id="remove-telegram-token"
              name="remove_telegram_token"
              label="Remove token"
              checked={values.remove_telegram_token}
              onCheckedChange={(v) => {
                set("remove_telegram_token", v);
                if (v) set("telegram_bot_token", "");
              }}
            />
          )}
        </div>
      </Section>

      <Section id="settings-storage" title="Storage" description="Test a URL before saving: a test uses what is typed, saved or not.">
        {urlField("database_url", "Database URL", settings.default_database, "Empty: SQLite in the data folder", "test-database")}
        {urlField("redis_url", "Redis URL", "redis://localhost:6379", "Empty: in-process cache", "test-redis")}
      </Section>

      <Section id="settings-startup" title="Startup">
        <CheckboxField
          name="start_at_login"
          label="Start at login"
          checked={values.start_at_login}
          onCheckedChange={(v) => set("start_at_login", v)}
          error={fieldError("start_at_login")}
          hint={overrideHint("start_at_login")}
        />
        <CheckboxField
          name="start_minimized"
          label="Start minimised to the tray"
          checked={values.start_minimized}
          onCheckedChange={(v) => set("start_minimized", v)}
          error={fieldError("start_minimized")}
          hint={overrideHint("start_minimized")}
        />
      </Section>

      <Card aria-labelledby="settings-info-title">
        <CardHeader>
          <CardTitle id="settings-info-title">Where things are kept</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-muted-foreground">Secrets</dt>
            <dd id="secret-store" className="break-words">
              {settings.secret_store}
            </dd>
            <dt className="text-muted-foreground">Config file</dt>
            <dd id="config-file" className="font-mono text-xs break-all">
              {settings.config_file ?? "none (settings last until the app quits)"}
            </dd>
            <dt className="text-muted-foreground">Default database</dt>
            <dd id="default-database" className="font-mono text-xs break-all">
              {settings.default_database}
            </dd>
          </dl>
        </CardContent>
      </Card>

      <FormError message={errors.formError} />
      <div className="flex items-center gap-3">
        <Button type="submit" id="save-settings" disabled={save.isPending}>
          <Save aria-hidden="true" />
          {save.isPending ? "Saving… (restarting the service)" : "Save"}
        </Button>
        <p id="settings-saved" role="status" className="text-sm font-medium text-gain">
          {saved ? "Saved" : ""}
        </p>
      </div>
    </form>
  );
}
