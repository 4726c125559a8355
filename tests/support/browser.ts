import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from './peers.ts';

/** Debian's chromium (`CHROMIUM_PATH` overrides), driven by playwright-core (no browser download). */
export const chromiumPath = CHROMIUM;

/** `extraArgs` adds Chromium switches, e.g. `--host-resolver-rules=MAP evil.example 127.0.0.1`. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
