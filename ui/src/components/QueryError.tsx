import { errorMessage } from "@/lib/backend";

/** A failed load, shown where the data would be. */
export function QueryError({ what, error }: { what: string; error: unknown }) {
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      Could not load {what}: {errorMessage(error)}
    </p>
  );
}
