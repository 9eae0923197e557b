import { Bell, CandlestickChart, ChartNoAxesColumn, Gauge, LayoutDashboard, Settings, Wallet, type LucideIcon } from "lucide-react";
import type { ComponentType } from "react";
import { AlertsPage } from "@/alerts/AlertsPage";
import { CHART_ROUTE } from "@/chart/chart-path";
import { ChartPage } from "@/chart/ChartPage";
import { DashboardPage } from "@/dashboard/DashboardPage";
import { MarketsPage } from "@/markets/MarketsPage";
import { PerformancePage } from "@/performance/PerformancePage";
import { PortfolioPage } from "@/portfolio/PortfolioPage";
import { SettingsPage } from "@/settings/SettingsPage";

export interface Route {
  /** Where the sidebar link goes. */
  path: string;
  /** The route pattern, when it takes parameters (`/chart/:symbol?`); else `path`. */
  pattern?: string;
  label: string;
  /** Id of the sidebar link: `nav-<slug>`. */
  slug: string;
  icon: LucideIcon;
  page: ComponentType;
}

/** The pages, in sidebar order; Alt+1…Alt+7 follow this order. */
export const ROUTES: readonly Route[] = [
  { path: "/", label: "Dashboard", slug: "dashboard", icon: LayoutDashboard, page: DashboardPage },
  { path: "/markets", label: "Markets", slug: "markets", icon: ChartNoAxesColumn, page: MarketsPage },
  { path: "/chart", pattern: CHART_ROUTE, label: "Chart", slug: "chart", icon: CandlestickChart, page: ChartPage },
  { path: "/portfolio", label: "Portfolio", slug: "portfolio", icon: Wallet, page: PortfolioPage },
  { path: "/alerts", label: "Alerts", slug: "alerts", icon: Bell, page: AlertsPage },
  { path: "/performance", label: "Performance", slug: "performance", icon: Gauge, page: PerformancePage },
  { path: "/settings", label: "Settings", slug: "settings", icon: Settings, page: SettingsPage },
];

/** Whether `location` is on the route's page (`/chart/BTC` is on Chart). */
export function isActive(route: Route, location: string): boolean {
  return location === route.path || (route.path !== "/" && location.startsWith(`${route.path}/`));
}
