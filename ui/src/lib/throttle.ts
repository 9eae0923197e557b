// Rate limiting for work that events trigger (refetches after each ingest).

/**
 * Runs `fn` at once, then at most once per `ms`: calls inside the window are
 * folded into one trailing run at its end, so the last change is never lost.
 */
export function throttle(fn: () => void, ms: number): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  return () => {
    if (timer !== null) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
}
