import { useEffect, useState } from "react";
import { useNotices } from "@/app/notices";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { errorMessage, type Alert } from "@/lib/backend";
import { dateTime, EMPTY } from "@/lib/format";
import { useRemoveAlert, useSetAlertActive, useSnoozeAlert } from "@/lib/queries";
import { cn } from "@/lib/utils";
import { HIGHLIGHT_ROW } from "./AlertHistory";
import { alertState, frequencyWords, ruleWords, snoozedText, STATE_LABELS, type AlertState } from "./alert-rule";
import { EditAlertRow } from "./EditAlertRow";

const COLSPAN = 7;

const STATE_BADGE: Record<AlertState, "success" | "secondary" | "outline"> = {
  active: "success",
  snoozed: "outline",
  fired: "secondary",
  expired: "outline",
  disabled: "secondary",
};

/** How long the "Snooze 1h" action snoozes, in minutes. */
const SNOOZE_MINUTES = 60;

/** The longest a timer may wait (setTimeout's limit, about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The row's state, computed again when its snooze ends (the core does not
 * announce that: nothing is written then).
 */
function useAlertState(alert: Alert): AlertState {
  const [tick, setTick] = useState(0);
  const state = alertState(alert);
  const until = state === "snoozed" ? alert.snoozed_until : null;
  useEffect(() => {
    if (until === null) return;
    const wait = Math.min(Math.max(Date.parse(until) - Date.now(), 0) + 50, MAX_TIMEOUT_MS);
    const timer = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [until, tick]);
  return state;
}

function AlertRow({ alert, highlighted, onEdit }: { alert: Alert; highlighted: boolean; onEdit: () => void }) {
  const toggle = useSetAlertActive();
  const snooze = useSnoozeAlert();
  const remove = useRemoveAlert();
  const confirm = useConfirm();
  const { notify } = useNotices();
  const rule = ruleWords(alert);
  const state = useAlertState(alert);
  const snoozed = state === "snoozed";
  const lastFired = alert.last_fired_at ? `Last fired ${dateTime(alert.last_fired_at)}` : undefined;
  async function onDelete() {
    const ok = await confirm({
      title: "Delete this alert?",
      description: `${alert.symbol} ${rule} will no longer be watched.`,
      confirmLabel: "Delete",
      destructive: true,
    });
    if (ok) remove.mutate(alert.id, { onError: (e) => notify("Could not delete the alert", errorMessage(e)) });
  }
  return (
    <TableRow
      data-id={alert.id}
      data-active={alert.is_active}
      data-state={state}
      data-highlighted={highlighted ? "true" : undefined}
      className={cn(highlighted && HIGHLIGHT_ROW)}
    >
      <TableCell className="font-medium">{alert.symbol}</TableCell>
      <TableCell data-rule className="whitespace-nowrap">
        {rule}
      </TableCell>
      <TableCell data-frequency>{frequencyWords(alert)}</TableCell>
      <TableCell data-expires className="whitespace-nowrap">
        {alert.expires_at ? <time dateTime={alert.expires_at}>{dateTime(alert.expires_at)}</time> : EMPTY}
      </TableCell>
      <TableCell className="max-w-64 truncate" title={alert.message ?? undefined}>
        {alert.message ?? EMPTY}
      </TableCell>
      <TableCell>
        {snoozed && alert.snoozed_until ? (
          <Badge
            data-status
            variant={STATE_BADGE[state]}
            className="border-amber-500/40 text-amber-700 dark:text-amber-300"
            title={[`Armed, but it neither fires nor notifies before ${dateTime(alert.snoozed_until)}`, lastFired].filter(Boolean).join(". ")}
          >
            <time dateTime={alert.snoozed_until}>{snoozedText(alert.snoozed_until)}</time>
          </Badge>
        ) : (
          <Badge data-status variant={STATE_BADGE[state]} title={lastFired}>
            {STATE_LABELS[state]}
          </Badge>
        )}
      </TableCell>
      <TableCell className="text-right whitespace-nowrap">
        <Button
          variant="ghost"
          size="sm"
          data-action="toggle"
          disabled={toggle.isPending}
          onClick={() =>
            toggle.mutate({ id: alert.id, active: !alert.is_active }, { onError: (e) => notify("Could not change the alert", errorMessage(e)) })
          }
        >
          {alert.is_active ? "Disable" : "Enable"}
        </Button>
        {alert.is_active && (
          <Button
            variant="ghost"
            size="sm"
            data-action="snooze"
            disabled={snooze.isPending}
            title={snoozed ? "Let it fire and notify again now" : "No fire and no notification for an hour"}
            onClick={() =>
              snooze.mutate(
                { id: alert.id, minutes: snoozed ? 0 : SNOOZE_MINUTES },
                { onError: (e) => notify(snoozed ? "Could not unsnooze the alert" : "Could not snooze the alert", errorMessage(e)) },
              )
            }
          >
            {snoozed ? "Unsnooze" : "Snooze 1h"}
          </Button>
        )}
        <Button variant="ghost" size="sm" data-action="edit" onClick={onEdit}>
          Edit
        </Button>
        <Button variant="ghost" size="sm" data-action="delete" className="text-destructive" disabled={remove.isPending} onClick={onDelete}>
          Delete
        </Button>
      </TableCell>
    </TableRow>
  );
}

export function AlertsTable({ alerts, highlighted = null }: { alerts: Alert[]; highlighted?: number | null }) {
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <Table id="alerts-table" aria-label="Alerts">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Asset</TableHead>
          <TableHead scope="col">Rule</TableHead>
          <TableHead scope="col">Frequency</TableHead>
          <TableHead scope="col">Expires</TableHead>
          <TableHead scope="col">Message</TableHead>
          <TableHead scope="col">Status</TableHead>
          <TableHead scope="col">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {alerts.length === 0 && <TableEmpty colSpan={COLSPAN}>No alerts yet: add one above.</TableEmpty>}
        {alerts.map((a) =>
          editing === a.id ? (
            <EditAlertRow key={a.id} alert={a} colSpan={COLSPAN} onDone={() => setEditing(null)} />
          ) : (
            <AlertRow key={a.id} alert={a} highlighted={a.id === highlighted} onEdit={() => setEditing(a.id)} />
          ),
        )}
      </TableBody>
    </Table>
  );
}
