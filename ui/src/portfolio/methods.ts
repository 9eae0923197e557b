import type { Method } from "@/lib/backend";

/** The cost-basis methods, in the order the selector lists them. */
export const METHODS: readonly Method[] = ["fifo", "lifo", "hifo", "average"];

const LABELS: Record<Method, string> = { fifo: "FIFO", lifo: "LIFO", hifo: "HIFO", average: "Average" };
const DESCRIPTIONS: Record<Method, string> = {
  fifo: "First in, first out: a sale uses the oldest units first",
  lifo: "Last in, first out: a sale uses the newest units first",
  hifo: "Highest in, first out: a sale uses the dearest units first",
  average: "Average cost: a sale uses every buy pro rata",
};

export const methodLabel = (m: Method): string => LABELS[m];
export const methodDescription = (m: Method): string => DESCRIPTIONS[m];

/** Whether `s` names a method. */
export function isMethod(s: unknown): s is Method {
  return typeof s === "string" && (METHODS as readonly string[]).includes(s);
}

/**
 * Which valuation the page shows: the one pushed with the `portfolio` event
 * while the chosen method is the one in use (or none is chosen), else the
 * chosen method's (asked with `portfolio_with`).
 */
export function methodToAsk(chosen: Method | null, inUse: Method | undefined): Method | null {
  if (chosen === null || inUse === undefined || chosen === inUse) return null;
  return chosen;
}
