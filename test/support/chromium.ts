import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, as every browser test uses it: Playwright cannot download its own
 * browser here, and without the background-networking flags Chromium keeps calling out to
 * Google's hosts, which this machine's closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
