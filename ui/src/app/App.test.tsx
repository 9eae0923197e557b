import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockBackend } from "@/lib/backend/mock";
import { App } from "./App";

describe("router", () => {
  it.each([
    ["", "Dashboard"],
    ["#/", "Dashboard"],
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
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["#/", "#/portfolio", "#/alerts", "#/performance", "#/settings"]);
  });

  it("shows a not-found page for unknown routes", async () => {
    window.location.hash = "#/nowhere";
    render(<App backend={mockBackend()} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
  });
});
