import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { resetDisplayCurrency } from "@/lib/display-currency";

afterEach(() => {
  cleanup();
  resetDisplayCurrency();
  window.location.hash = "";
});
