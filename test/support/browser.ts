// Debian's chromium driven by playwright-core. Locally a missing browser skips the browser tests with a notice;
// CI sets CONVEY_REQUIRE_BROWSER=1, where a missing browser is a failure, not a skip.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CONVEY_REQUIRE_BROWSER) throw new Error(`no browser at ${CHROMIUM_PATH}: install Debian's chromium`);
  console.warn(`NOTICE: browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install chromium).`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
