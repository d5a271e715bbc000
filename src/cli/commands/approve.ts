// Approval before a send from the command line: `todoku send NAME --request-approval [--at …] [--note …]`
// asks for it (after the same preview a send shows), `todoku approve NAME [--comment …]` approves the
// campaign's pending request — which starts the send as requested — or with --reject sends it back with
// a comment, `todoku approvals` lists what waits. `todoku send NAME --test [--to +8190…]` sends the
// message to the organisation's own test numbers only. All through the generated API client.
import { InvalidArgumentError, type Command } from 'commander';
import { answer } from '../api.ts';
import { campaignRef, getCampaign } from '../campaigns.ts';
import { CliError, userError } from '../errors.ts';
import { APPROVAL_STATUS_LABELS, CAMPAIGN_STATUS_LABELS, labelOf } from '../../core/labels.ts';
import { canAsk, confirm } from '../prompt.ts';
import { localTime, table } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import type { Schema } from '../../api-client/client.ts';
import { showPreview } from '../preview.ts';

type ApprovalView = Schema<'ApprovalRequest'>;

/**
 * A time for --at: ISO 8601 with its offset, or 「2026-12-01 09:00」 read as Japan time (the office's).
 * In the past is left to the server, which says so in its words.
 */
export function officeTime(value: string): string {
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/u.exec(value.trim());
  const iso = local ? `${local[1]}-${local[2]}-${local[3]}T${local[4]}:${local[5]}:00+09:00` : value.trim();
  const ms = Date.parse(iso);
  if (!/[zZ]|[+-]\d{2}:\d{2}$/u.test(iso) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('「2026-12-01 09:00」（日本時間）か ISO 8601（例 2026-12-01T09:00:00+09:00）で指定してください / expected "2026-12-01 09:00" (Japan time) or ISO 8601 with an offset');
  }
  return new Date(ms).toISOString();
}

/** Collects a repeated option (--to A --to B). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const whenText = (a: Pick<ApprovalView, 'scheduledAt'>, cli: Cli) => (a.scheduledAt ? localTime(a.scheduledAt) : cli.out.t('承認後すぐ', 'at once when approved'));

export function registerApprove(program: Command): void {
  program
    .command('approve')
    .description('キャンペーンの承認待ちの依頼を承認して送信を開始する（--reject で差戻し）/ approve the campaign’s pending request, which starts the send (--reject sends it back)')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .option('--comment <text>', '承認・差戻しのコメント（差戻しには必須）/ a comment (required to reject)')
    .option('--reject', '差し戻す / reject the request')
    .option('-y, --yes', '確認せずに承認する（スクリプト用）/ approve without asking (for scripts)')
    .action(withCli(runApprove));
  program
    .command('approvals')
    .description('承認依頼の一覧（既定: 承認待ち）/ list approval requests (default: those waiting)')
    .option('--all', 'すべての状態 / every state, not only those waiting')
    .action(withCli(runApprovals));
}

/** The campaign's pending request, or an error saying what its latest request is. */
async function pendingRequest(cli: Cli, name: string): Promise<{ campaign: Schema<'Campaign'>; request: ApprovalView }> {
  const campaign = await getCampaign(cli, name);
  const { latest } = answer(await cli.api.http.GET('/api/v1/campaigns/{campaign}/approval', { params: campaignRef(campaign.id) }));
  if (!latest || latest.status !== 'pending') {
    const state = latest ? labelOf(APPROVAL_STATUS_LABELS, latest.status, cli.out.lang) : null;
    throw userError(
      'NO_PENDING_APPROVAL',
      `キャンペーン「${campaign.name}」に承認待ちの依頼はありません${state ? `（最新の依頼 #${latest!.id}: ${state}）` : ''}`,
      `campaign "${campaign.name}" has no request waiting for approval${state ? ` (latest request #${latest!.id}: ${state})` : ''}`,
    );
  }
  return { campaign, request: latest };
}

async function runApprove(cli: Cli, name: string, opts: { comment?: string; reject?: boolean; yes?: boolean }): Promise<void> {
  const { out } = cli;
  const { campaign, request } = await pendingRequest(cli, name);
  if (request.own) {
    throw new CliError({ code: 'TODOKU_E_APPROVAL_OWN', ja: '自分の依頼は承認・差戻しできません。別の承認者に依頼してください', en: 'you cannot approve or reject your own request: another approver must decide it' });
  }
  out.say(`承認依頼 #${request.id}: キャンペーン「${campaign.name}」`, `Approval request #${request.id}: campaign "${campaign.name}"`);
  out.say(`依頼者: ${request.requestedBy.name}（${localTime(request.requestedAt)}）`, `Requested by ${request.requestedBy.name} (${localTime(request.requestedAt)})`);
  out.say(`送信日時: ${whenText(request, cli)}`, `When: ${whenText(request, cli)}`);
  if (request.note) out.say(`メモ: ${request.note}`, `Note: ${request.note}`);
  if (request.applies === false) {
    throw new CliError({ code: 'TODOKU_E_APPROVAL_STALE', ja: '依頼の後に宛先リスト・本文・受信者ページが変わったため、この依頼は無効です', en: 'the list, the template or the page changed since the request: it no longer applies' });
  }

  if (opts.reject) {
    if (!opts.comment?.trim()) throw userError('NEEDS_COMMENT', '差し戻すときは --comment で理由を書いてください', 'to reject, say why with --comment');
    const decided = answer(await cli.api.http.POST('/api/v1/approval-requests/{id}/reject', { params: { path: { id: request.id } }, body: { comment: opts.comment } }));
    out.say(`差し戻しました（依頼 #${request.id}）`, `Rejected request #${request.id}`);
    out.data(decided);
    return;
  }

  // The approver sees what the sender saw: the texts on real rows, people and parts, and what would refuse it.
  const preview = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/preview', { params: campaignRef(campaign.id), body: { limit: 3 } }));
  showPreview(cli, preview);
  for (const f of preview.lint) out.say(`注意: ${f.message}`, `Warning: ${f.message_en}`);
  if (!opts.yes) {
    if (!canAsk()) throw userError('NEEDS_YES', '端末以外から実行するときは --yes を付けてください（確認なしには承認しません）', 'not on a terminal: add --yes to approve without confirmation');
    const ok = await confirm(out.t(`承認すると${preview.recipients}人への送信（合計${preview.totalParts}通）が始まります（${whenText(request, cli)}）。承認しますか? [y/N]`, `Approving starts the send to ${preview.recipients} recipients (${preview.totalParts} parts), ${whenText(request, cli)}. Approve? [y/N]`));
    if (!ok) throw userError('ABORTED', '承認を取りやめました。何も送信していません', 'cancelled: nothing was approved or sent');
  }
  const decided = answer(await cli.api.http.POST('/api/v1/approval-requests/{id}/approve', { params: { path: { id: request.id } }, body: opts.comment ? { comment: opts.comment } : {} }));
  const send = decided.send;
  if (send?.started && send.campaign) {
    const status = labelOf(CAMPAIGN_STATUS_LABELS, send.campaign.status, out.lang);
    out.say(`承認しました。送信を開始しました（${status}・${send.queued ?? 0}件）`, `Approved. The send started (${status}, ${send.queued ?? 0} messages)`);
  } else if (send?.error) {
    out.say(`承認しましたが、送信は始まりませんでした: ${send.error.message}`, `Approved, but the send did not start: ${send.error.message_en}`);
  }
  out.data(decided);
}

async function runApprovals(cli: Cli, opts: { all?: boolean }): Promise<void> {
  const { out } = cli;
  const list = answer(await cli.api.http.GET('/api/v1/approval-requests', { params: { query: opts.all ? {} : { status: 'pending' } } }));
  if (list.requests.length === 0) {
    out.say('承認待ちの依頼はありません', 'No request waits for approval');
  } else {
    const header = out.lang === 'ja' ? ['ID', 'キャンペーン', '状態', '依頼者', '依頼日時', '送信日時', '人数', '通数'] : ['ID', 'Campaign', 'State', 'Requested by', 'Requested at', 'When', 'People', 'Parts'];
    out.lines(
      table(
        header,
        list.requests.map((r) => [String(r.id), r.campaignName, labelOf(APPROVAL_STATUS_LABELS, r.status, out.lang), r.requestedBy.name, localTime(r.requestedAt), whenText(r, cli), String(r.recipients), String(r.totalParts)]),
      ),
    );
  }
  out.data(list);
}

/** `todoku send NAME --request-approval`: the send's preview, then the request (nothing is sent). */
export async function runRequestApproval(cli: Cli, name: string, opts: { at?: string; note?: string }): Promise<void> {
  const { out } = cli;
  const campaign = await getCampaign(cli, name);
  const preview = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/preview', { params: campaignRef(campaign.id), body: { limit: 3 } }));
  showPreview(cli, preview);
  const request = answer(
    await cli.api.http.POST('/api/v1/campaigns/{campaign}/approval-requests', {
      params: campaignRef(campaign.id),
      body: { ...(opts.at ? { scheduledAt: opts.at } : {}), ...(opts.note ? { note: opts.note } : {}) },
    }),
  );
  out.say(`承認を依頼しました（依頼 #${request.id}・送信日時: ${whenText(request, cli)}）。承認されると送信が始まります`, `Approval requested (request #${request.id}, ${whenText(request, cli)}); the send starts once it is approved`);
  out.say(`承認者は: todoku approve ${campaign.name}`, `An approver runs: todoku approve ${campaign.name}`);
  out.data(request);
}

/** `todoku send NAME --test [--to …] [--line N]`: to the organisation's test numbers only, now. */
export async function runTestSend(cli: Cli, name: string, opts: { to?: string[]; line?: number }): Promise<void> {
  const campaign = await getCampaign(cli, name);
  const result = answer(
    await cli.api.http.POST('/api/v1/campaigns/{campaign}/test-send', {
      params: campaignRef(campaign.id),
      body: { ...(opts.to?.length ? { numbers: opts.to } : {}), ...(opts.line !== undefined ? { line: opts.line } : {}) },
    }),
  );
  cli.out.say(`テスト送信しました（${result.line}行目の内容・${result.parts}通）: ${result.messages.map((m) => m.to).join('、')}`, `Test send (line ${result.line}, ${result.parts} parts) to ${result.messages.map((m) => m.to).join(', ')}`);
  cli.out.lines(result.text.split('\n').map((l) => `  ${l}`));
  cli.out.data(result);
}
