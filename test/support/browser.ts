// Browser tests on a phone: Debian's Chromium driven by playwright-core, a 390×844 touch viewport in
// Japanese, screenshots into test-output/screenshots/, and a guard that fails the test if any page
// opens a dialog (an injected alert() that ran). Without Chromium the tests fail loudly, never skip.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.TODOKU_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve('test-output/screenshots');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * Phones have Japanese fonts; a CI machine may not. Chromium finds the Noto Sans JP files of the npm
 * package through a fontconfig file that also keeps the system's own fonts.
 */
function fontconfig(): string {
  const regular = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
  const dir = resolve('test-output');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${dirname(dirname(regular))}</dir>\n  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests need it (apt-get install -y chromium, as .ci/run does). They fail instead of skipping.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000, env: { ...process.env, FONTCONFIG_FILE: fontconfig() } });
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** Messages of every dialog any page opened; there must be none. */
  dialogs: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function phone(browser: Browser, extraHeaders: Record<string, string> = {}): Promise<Phone> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    extraHTTPHeaders: extraHeaders,
  });
  context.setDefaultTimeout(15_000);
  const dialogs: string[] = [];
  context.on('page', (p) => watchDialogs(p, dialogs));
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    dialogs,
    async shot(name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => context.close(),
  };
}

function watchDialogs(page: Page, dialogs: string[]): void {
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
}
