import { History, LoaderCircle } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import { Link } from "wouter";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { chartPath } from "@/chart/chart-path";
import type { ReplayReport, ReplayRequest } from "@/lib/backend";
import { dateTime, unitPrice } from "@/lib/format";
import type { FormErrors } from "@/lib/form-errors";
import { useReplayAlert } from "@/lib/queries";
import { cn } from "@/lib/utils";
import { DEFAULT_REPLAY_DAYS, DEFAULT_REPLAY_INTERVAL, readReplayRequest, recentFires, REPLAY_DAYS, REPLAY_INTERVALS, replayAsset, replaySummary } from "./replay";

/** A form's "Test on history": the replay of its current rule, shown until the form changes. */
export interface HistoryTest {
  /** Replays the form's rule; its errors show through the form's errors, at their field. */
  run(form: HTMLFormElement): Promise<void>;
  pending: boolean;
  /** The request of the replay under way or shown. */
  request: ReplayRequest | undefined;
  report: ReplayReport | undefined;
  /** Forgets the result (the form changed). */
  reset(): void;
  /** Id of the result's region (the button controls it). */
  resultId: string;
}

export function useHistoryTest(errors: FormErrors): HistoryTest {
  const replay = useReplayAlert();
  const resultId = useId();
  return {
    async run(form) {
      errors.clear();
      try {
        await replay.mutateAsync(readReplayRequest(form));
      } catch (e) {
        errors.show(e);
      }
    },
    pending: replay.isPending,
    request: replay.variables,
    report: replay.data,
    reset: replay.reset,
    resultId,
  };
}

/** The period and interval to replay over, and the button, beside the form's Add or Save. */
export function HistoryTestControls({ test, errors, size = "default" }: { test: HistoryTest; errors: FormErrors; size?: "default" | "sm" }) {
  const button = useRef<HTMLButtonElement>(null);
  const { reset } = test;
  // A result is about the rule as it was tested: any change (or a reset after a save) hides it.
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    const forget = () => reset();
    for (const type of ["input", "change", "reset"]) form.addEventListener(type, forget);
    return () => {
      for (const type of ["input", "change", "reset"]) form.removeEventListener(type, forget);
    };
  }, [reset]);
  const small = size === "sm" && "h-8 text-xs";
  return (
    <>
      <Button
        ref={button}
        variant="outline"
        size={size}
        data-testid="test-history"
        aria-controls={test.resultId}
        aria-disabled={test.pending || undefined}
        className="aria-disabled:opacity-50"
        onClick={(e) => {
          const form = e.currentTarget.form;
          if (form && !test.pending) void test.run(form);
        }}
      >
        {test.pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <History aria-hidden="true" />}
        {test.pending ? "Testing…" : "Test on history"}
      </Button>
      <Field name="interval" label="Candles" error={errors.fieldError("interval")}>
        {(p) => (
          <Select {...p} defaultValue={DEFAULT_REPLAY_INTERVAL} className={cn("w-auto", small)}>
            {REPLAY_INTERVALS.map((i) => (
              <option key={i.value} value={i.value}>
                {i.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field name="days" label="Period" error={errors.fieldError("days")}>
        {(p) => (
          <Select {...p} defaultValue={String(DEFAULT_REPLAY_DAYS)} className={cn("w-auto", small)}>
            {REPLAY_DAYS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </Select>
        )}
      </Field>
    </>
  );
}

/** What the replay found, under the form: a sentence, the span replayed and the latest fires. Announced when it changes. */
export function HistoryTestResult({ test }: { test: HistoryTest }) {
  const { request, report, pending } = test;
  return (
    <div id={test.resultId} role="status" aria-live="polite" aria-busy={pending || undefined} data-testid="replay-result" className="col-span-full text-sm empty:hidden">
      {pending && request && (
        <p className="text-muted-foreground">
          Testing {replayAsset(request) || "the rule"} on {request.interval} candles of the last {request.days} days…
        </p>
      )}
      {!pending && request && report && <ReplayReportView request={request} report={report} />}
    </div>
  );
}

function ReplayReportView({ request, report }: { request: ReplayRequest; report: ReplayReport }) {
  const asset = replayAsset(request);
  const fires = recentFires(report);
  return (
    <div className="flex flex-col gap-1.5 rounded-md border border-border bg-muted/40 px-3 py-2">
      <p className="font-medium" data-testid="replay-summary">
        {replaySummary(report, request)}
      </p>
      {report.candles === 0 ? (
        <p className="text-xs text-muted-foreground">
          Fetch its past candles on the{" "}
          <Link href={chartPath(asset)} className="underline underline-offset-2">
            {asset} chart
          </Link>{" "}
          (Backfill), then test again.
        </p>
      ) : (
        report.from &&
        report.to && (
          <p className="text-xs text-muted-foreground">
            {request.interval} candle closes from {dateTime(report.from)} to {dateTime(report.to)}
          </p>
        )
      )}
      {fires.length > 0 && (
        <div className="text-xs">
          <p className="text-muted-foreground">{fires.length < report.fires.length ? `Latest ${fires.length} fires, newest first:` : "Fires, newest first:"}</p>
          <ul data-testid="replay-fires" className="mt-1 flex flex-col gap-0.5 tabular-nums">
            {fires.map((f, i) => (
              <li key={`${f.time}-${i}`} data-time={f.time}>
                <time dateTime={f.time}>{dateTime(f.time)}</time>
                <span className="text-muted-foreground"> at </span>
                {unitPrice(f.price)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
