// The recipient's journey as the browser test walks it, open to extension: the list and notice it
// starts from, setup before the campaign is sent, and the steps after the notice has been read
// (download the PDF → answer the survey → pay through the simulator → the campaign shows paid).
// Each part adds its steps here; every step leaves a screenshot.
import type { Page } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import type { Recipient } from '../support/factories.ts';

export interface JourneyContext {
  t: TestApp;
  page: Page;
  campaignId: number;
  recipient: Recipient;
  /** Saves test-output/screenshots/<name>.png. */
  shot(name: string): Promise<string>;
}

export interface JourneyStep {
  /** Names its screenshot too, e.g. '05-pdf-downloaded'. */
  name: string;
  run(ctx: JourneyContext): Promise<void>;
}

/** The list: one recipient whose journey is walked, with the columns later steps need. */
export const JOURNEY_LIST = [
  '氏名,電話番号,金額,支払期限,生年月日,学籍番号',
  '山田 太郎,090-7777-0001,12345,2026/12/01,1990/01/02,S2024-0001',
].join('\n');

export const JOURNEY_RECIPIENT = '山田 太郎';
export const WRONG_BIRTH_DATE = '1990/01/03';
export const RIGHT_BIRTH_DATE = '平成2年1月2日';

/** Setup after the list is imported and before sending (e.g. survey questions, PDFs, payment). */
export const beforeSend: ((t: TestApp, campaignId: number) => Promise<void>)[] = [];

/** After the notice: PDF → survey → pay are added here, in that order. */
export const afterNotice: JourneyStep[] = [];
