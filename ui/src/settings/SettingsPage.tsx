import { PageHeader } from "@/app/PageHeader";
import { QueryError } from "@/components/QueryError";
import { useCommandQuery } from "@/lib/queries";
import { SettingsForm } from "./SettingsForm";

export function SettingsPage() {
  const settings = useCommandQuery("settings");
  return (
    <>
      <PageHeader title="Settings" description="Saved in the config file (secrets in the secret store). Saving restarts the background service." />
      {settings.isPending && <p className="text-sm text-muted-foreground">Loading settings…</p>}
      {settings.isError && <QueryError what="the settings" error={settings.error} />}
      {settings.data && <SettingsForm settings={settings.data} />}
      <AboutLine />
    </>
  );
}

/** The running build: version and git commit. */
function AboutLine() {
  const about = useCommandQuery("about");
  if (!about.data) return null;
  return (
    <p className="mt-6 text-xs text-muted-foreground" data-testid="about">
      Cryptodesk {about.data.version} (commit {about.data.commit})
    </p>
  );
}
