import { Download, Upload } from "lucide-react";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { FormError } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { controlClass } from "@/components/ui/input";
import { errorMessage, type ImportReport, type RowError } from "@/lib/backend";
import { useExportTransactions, useImportTransactions } from "@/lib/queries";
import { cn } from "@/lib/utils";
import { canCommit, commitLabel, downloadText, EXPORT_FILE_NAME, resultMessage, SOURCE_OPTIONS, sourceOf } from "./import-csv";

interface Chosen {
  name: string;
  text: string;
}

/**
 * Imports a CSV file: a dry run previews the rows it would store, the rows it
 * cannot import (line, column, reason) and the ones it ignores; the commit
 * stores them (all or nothing, unless the invalid rows are skipped). Also
 * exports every transaction as Cryptodesk's own CSV.
 */
export function ImportCard() {
  const fileId = useId();
  const formatId = useId();
  const preview = useImportTransactions();
  const commit = useImportTransactions();
  const exporter = useExportTransactions();
  const [file, setFile] = useState<Chosen | null>(null);
  const [source, setSource] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Only the latest dry run is shown (an older one may answer later). */
  const latest = useRef(0);

  async function runPreview(chosen: Chosen, format: string) {
    const ticket = ++latest.current;
    setReport(null);
    setResult(null);
    setError(null);
    setSkipInvalid(false);
    try {
      const r = await preview.mutateAsync({ text: chosen.text, source: sourceOf(format), dryRun: true, skipInvalid: false });
      if (ticket === latest.current) setReport(r);
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (!f) return;
    let chosen: Chosen;
    try {
      chosen = { name: f.name, text: await f.text() };
    } catch (err) {
      setError(`Could not read ${f.name}: ${errorMessage(err)}`);
      return;
    }
    setFile(chosen);
    await runPreview(chosen, source);
  }

  function onFormat(value: string) {
    setSource(value);
    if (file) void runPreview(file, value);
  }

  async function onCommit() {
    if (!file || !report) return;
    setError(null);
    try {
      setResult(await commit.mutateAsync({ text: file.text, source: sourceOf(source), dryRun: false, skipInvalid }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function onExport() {
    setError(null);
    try {
      downloadText(await exporter.mutateAsync(), EXPORT_FILE_NAME);
    } catch (e) {
      setError(`Export failed: ${errorMessage(e)}`);
    }
  }

  const done = result?.committed === true;
  return (
    <Card aria-labelledby="import-title" data-testid="import-card">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1.5">
          <CardTitle id="import-title">Import and export</CardTitle>
          <CardDescription>Trades from a Cryptodesk, Binance, Coinbase or Kraken CSV: check the preview, then import</CardDescription>
        </div>
        <Button variant="outline" size="sm" data-testid="export-csv" disabled={exporter.isPending} onClick={() => void onExport()}>
          <Download aria-hidden="true" />
          Export CSV
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 flex-col gap-1.5">
            <Label htmlFor={fileId}>CSV file</Label>
            <input
              id={fileId}
              type="file"
              accept=".csv,text/csv"
              data-testid="import-file"
              onChange={(e) => void onFile(e)}
              className={cn(controlClass, "w-72 cursor-pointer file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium")}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={formatId}>Format</Label>
            <Select id={formatId} data-testid="import-format" className="w-56" value={source} onChange={(e) => onFormat(e.target.value)}>
              {SOURCE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </div>
        </div>
        {preview.isPending && <p className="text-sm text-muted-foreground">Reading {file?.name ?? "the file"}…</p>}
        <FormError message={error} />
        {report && file && (
          <div data-testid="import-preview" className="flex flex-col gap-4">
            <p className="text-sm text-muted-foreground">
              {file.name}: {report.source} format, {report.valid} valid {report.valid === 1 ? "row" : "rows"}
              {report.duplicates > 0 && `, ${report.duplicates} already imported`}
              {report.errors.length > 0 && `, ${report.errors.length} with errors`}
              {report.ignored.length > 0 && `, ${report.ignored.length} ignored`}
            </p>
            {report.rows.length > 0 && <PreviewTable report={report} />}
            {report.errors.length > 0 && <RowErrors title="Rows that cannot be imported" rows={report.errors} testid="import-error" tone="error" />}
            {report.ignored.length > 0 && <RowErrors title="Ignored rows (no trade)" rows={report.ignored} testid="import-ignored" tone="muted" />}
            <div className="flex flex-wrap items-center gap-4">
              {report.errors.length > 0 && (
                <CheckboxField
                  name="skip_invalid"
                  label="Skip the invalid rows"
                  checked={skipInvalid}
                  disabled={done}
                  onCheckedChange={setSkipInvalid}
                  testid="import-skip-invalid"
                />
              )}
              <Button data-testid="import-commit" disabled={done || commit.isPending || !canCommit(report, skipInvalid)} onClick={() => void onCommit()}>
                <Upload aria-hidden="true" />
                {commitLabel(report)}
              </Button>
            </div>
          </div>
        )}
        {result && (
          <p
            role="status"
            data-testid="import-result"
            className={cn("text-sm font-medium", result.committed ? "text-gain" : "text-destructive")}
          >
            {resultMessage(result)}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function PreviewTable({ report }: { report: ImportReport }) {
  return (
    <Table aria-label="Rows to import">
      <TableHeader>
        <TableRow>
          <TableHead>Line</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Date</TableHead>
          <TableHead>Asset</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead className="text-right">Price</TableHead>
          <TableHead className="text-right">Fee</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.rows.map((r) => (
          <TableRow key={r.line} data-testid={`import-row-${r.line}`} className={cn(r.duplicate && "text-muted-foreground")}>
            <TableCell className="tabular-nums">{r.line}</TableCell>
            <TableCell className="capitalize">{r.kind}</TableCell>
            <TableCell className="tabular-nums">{r.date}</TableCell>
            <TableCell className="font-medium">{r.symbol}</TableCell>
            <TableCell className="text-right tabular-nums">{r.amount}</TableCell>
            <TableCell className="text-right tabular-nums">
              {r.price} {r.currency}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {r.commission} {r.currency}
            </TableCell>
            <TableCell>{r.duplicate && <Badge variant="secondary">already imported</Badge>}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RowErrors({ title, rows, testid, tone }: { title: string; rows: RowError[]; testid: string; tone: "error" | "muted" }) {
  return (
    <div className="flex flex-col gap-1.5">
      <h3 className={cn("text-sm font-medium", tone === "error" ? "text-destructive" : "text-muted-foreground")}>{title}</h3>
      <Table aria-label={title}>
        <TableHeader>
          <TableRow>
            <TableHead>Line</TableHead>
            <TableHead>Column</TableHead>
            <TableHead>Reason</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((e, i) => (
            <TableRow key={`${e.line}-${i}`} data-testid={`${testid}-${e.line}`}>
              <TableCell className="tabular-nums">{e.line}</TableCell>
              <TableCell className="font-mono text-xs">{e.column || "(row)"}</TableCell>
              <TableCell>{e.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
