import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { expect, it } from "vitest";

/** Debian's chromium (apt-get install chromium; .ci/run installs it). A browser is never downloaded. */
export const CHROMIUM = process.env.EVENTLINE_CHROMIUM ?? "/usr/bin/chromium";

/** Screenshots of each page type land here (a CI artifact). */
export const ARTIFACTS = resolve(import.meta.dirname, "../../../.eventline/artifacts/catalog");

/**
 * Without chromium the suite is skipped with the reason, except under CI=true, where it fails.
 * Returns whether the suite can run.
 */
export function requireChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `${CHROMIUM} not found (apt-get install -y chromium, or set EVENTLINE_CHROMIUM)`;
  if (process.env.CI === "true") {
    it("needs chromium under CI", () => {
      expect.fail(`chromium is required under CI=true: ${reason}`);
    });
  } else {
    console.warn(`catalog browser tests skipped: ${reason}`);
    it.skip(`catalog browser tests (skipped: ${reason})`, () => {});
  }
  return false;
}

export function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
}
