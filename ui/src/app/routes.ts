import { Bell, Gauge, LayoutDashboard, Settings, Wallet, type LucideIcon } from "lucide-react";
import type { ComponentType } from "react";
import { AlertsPage } from "@/alerts/AlertsPage";
import { DashboardPage } from "@/dashboard/DashboardPage";
import { PerformancePage } from "@/performance/PerformancePage";
import { PortfolioPage } from "@/portfolio/PortfolioPage";
import { SettingsPage } from "@/settings/SettingsPage";

export interface Route {
  path: string;
  label: string;
  /** Id of the sidebar link: `nav-<slug>`. */
  slug: string;
  icon: LucideIcon;
  page: ComponentType;
}

/** The pages, in sidebar order; Alt+1…Alt+5 follow this order. */
export const ROUTES: readonly Route[] = [
  { path: "/", label: "Dashboard", slug: "dashboard", icon: LayoutDashboard, page: DashboardPage },
  { path: "/portfolio", label: "Portfolio", slug: "portfolio", icon: Wallet, page: PortfolioPage },
  { path: "/alerts", label: "Alerts", slug: "alerts", icon: Bell, page: AlertsPage },
  { path: "/performance", label: "Performance", slug: "performance", icon: Gauge, page: PerformancePage },
  { path: "/settings", label: "Settings", slug: "settings", icon: Settings, page: SettingsPage },
];
