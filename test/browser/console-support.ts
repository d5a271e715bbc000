// Browser tests of the operator console: the console built once (vite's JS API) when dist/console is
// missing or older than its sources, and a laptop-sized Chromium window (1280×800, Japanese, Tokyo
// time) whose screenshots go to test-output/screenshots/console-*.png. Confirmation dialogs
// (window.confirm) are accepted and remembered; anything else that opens a dialog is recorded too.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { before, after } from 'node:test';
import { launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { CONSOLE_DIST } from '../../src/web/console-serve.ts';

const SOURCES = 'src/web/console';

function newest(dir: string): number {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

/** Builds the console unless dist/console is newer than every source file. */
export async function ensureConsoleBuilt(): Promise<void> {
  const index = join(CONSOLE_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(SOURCES)) return;
  const { build } = await import('vite');
  await build({ configFile: join(SOURCES, 'vite.config.ts'), logLevel: 'warn' });
}

export interface Laptop {
  context: BrowserContext;
  page: Page;
  /** Messages of dialogs pages opened (confirmations were accepted). */
  dialogs: string[];
  /** Uncaught errors in the pages' scripts: there must be none. */
  errors: string[];
  /** Saves test-output/screenshots/console-<name>.png. */
  shot(name: string, opts?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function laptop(browser: Browser, opts: { locale?: string } = {}): Promise<Laptop> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: opts.locale ?? 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const dialogs: string[] = [];
  const errors: string[] = [];
  context.on('page', (p) => {
    p.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void (d.type() === 'confirm' ? d.accept() : d.dismiss());
    });
    p.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  });
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    dialogs,
    errors,
    async shot(name, o = {}) {
      const file = join(SCREENSHOTS, `console-${name}.png`);
      // A full page is stitched from the top: scrolled, the sticky header would land mid-page.
      if (o.fullPage) await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page.screenshot({ path: file, fullPage: o.fullPage ?? false });
      return file;
    },
    close: () => context.close(),
  };
}

/**
 * The stage every console test starts from: the console built, an app on SQLite and Chromium, started
 * before the file's tests and stopped after them. Read `stage.app` / `stage.browser` inside a test.
 * `env`: extra TODOKU_* settings for the app (e.g. a shorter interval a test would otherwise wait out).
 */
export function consoleStage(env: Record<string, string> = {}): { readonly app: TestApp; readonly browser: Browser } {
  const stage = {} as { app: TestApp; browser: Browser };
  before(async () => {
    await ensureConsoleBuilt();
    stage.app = await startTestApp('sqlite', env);
    stage.browser = await launchChromium();
  });
  after(async () => {
    await stage.browser?.close();
    await stage.app?.stop();
  });
  return stage;
}

/** Logs in through the console's own form and waits for the campaign list. */
export async function logIn(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('ログインID', { exact: true }).fill(login);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { name: 'キャンペーン', level: 1 }).waitFor();
}
