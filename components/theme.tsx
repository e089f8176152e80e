"use client";

import { useEffect, useSyncExternalStore } from "react";

// The saved choice ("light" | "dark"; absent = follow the system) lives in localStorage. The inline
// script runs before the first paint so a dark-mode user never sees a white flash.
const KEY = "theme";

export const themeScript = `(() => {
  const apply = () => {
    const saved = localStorage.getItem("${KEY}");
    const dark = saved ? saved === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.classList.toggle("dark", dark);
  };
  apply();
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", apply);
  // React renders <html> again for not-found and error pages, dropping the class: put it back.
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  window.__applyTheme = apply;
})();`;

const subscribe = (onChange: () => void) => {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
};

export function ThemeToggle() {
  // Next's error and not-found documents come without the inline script: it runs from here then.
  useEffect(() => {
    if (!(window as { __applyTheme?: unknown }).__applyTheme) new Function(themeScript)();
  }, []);
  const dark = useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      aria-label={dark ? "Switch to light theme" : "Switch to dark theme"}
      title={dark ? "Light theme" : "Dark theme"}
      className="rounded-md px-2 py-1 text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      onClick={() => {
        localStorage.setItem(KEY, dark ? "light" : "dark");
        (window as unknown as { __applyTheme: () => void }).__applyTheme();
      }}
    >
      <span aria-hidden>{dark ? "☀" : "☾"}</span>
    </button>
  );
}
