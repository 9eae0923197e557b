import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockBackend } from "@/lib/backend/mock";
import { App } from "./App";

describe("router", () => {
  it.each([
    ["", "Dashboard"],
    ["#/", "Dashboard"],
    ["#/markets", "Markets"],
    ["#/chart/BTC", "Chart"],
    ["#/portfolio", "Portfolio"],
    ["#/alerts", "Alerts"],
    ["#/performance", "Performance"],
    ["#/settings", "Settings"],
  ])("shows the page for %j", async (hash, title) => {
    window.location.hash = hash;
    render(<App backend={mockBackend()} />);
    expect(await screen.findByRole("heading", { level: 1, name: title })).toBeTruthy();
    expect(screen.getByRole("link", { name: new RegExp(title) }).getAttribute("aria-current")).toBe("page");
  });

  it("renders real links with hash hrefs", () => {
    render(<App backend={mockBackend()} />);
    const links = screen.getAllByRole("link").filter((a) => a.id.startsWith("nav-"));
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["#/", "#/markets", "#/chart", "#/portfolio", "#/alerts", "#/performance", "#/settings"]);
    expect(links.map((a) => a.getAttribute("aria-keyshortcuts"))).toEqual(["Alt+1", "Alt+2", "Alt+3", "Alt+4", "Alt+5", "Alt+6", "Alt+7"]);
  });

  it("opens the last charted asset from the sidebar's Chart link, else the first watched one", async () => {
    localStorage.setItem("cryptodesk.chart", JSON.stringify({ symbol: "ETH" }));
    window.location.hash = "#/chart";
    const first = render(<App backend={mockBackend()} />);
    expect(await screen.findByRole("combobox", { name: "Asset" })).toBeTruthy();
    expect(window.location.hash).toBe("#/chart/ETH");
    first.unmount();

    localStorage.clear();
    window.location.hash = "#/chart";
    render(<App backend={mockBackend()} />);
    expect(await screen.findByRole("combobox", { name: "Asset" })).toBeTruthy();
    expect(window.location.hash).toBe("#/chart/BNB");
    expect(screen.getByRole("link", { name: /Chart/ }).getAttribute("aria-current")).toBe("page");
  });

  it("shows a not-found page for unknown routes", async () => {
    window.location.hash = "#/nowhere";
    render(<App backend={mockBackend()} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
  });
});
