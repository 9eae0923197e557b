import { useId } from "react";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { Method } from "@/lib/backend";
import { isMethod, methodDescription, methodLabel, METHODS } from "./methods";

/** The cost-basis method the holdings and the summary follow (the one in use is marked). */
export function MethodSelect({ value, inUse, onChange }: { value: Method; inUse: Method; onChange(m: Method): void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Cost basis</Label>
      <Select
        id={id}
        data-testid="method-select"
        className="h-8 w-40"
        value={value}
        title={methodDescription(value)}
        onChange={(e) => isMethod(e.target.value) && onChange(e.target.value)}
      >
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {methodLabel(m)}
            {m === inUse ? " (in use)" : ""}
          </option>
        ))}
      </Select>
    </div>
  );
}
