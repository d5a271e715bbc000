import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTIONS, auditSentence } from '../../src/core/audit-sentence.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p.includes('console') ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('openapi.ts') ? [p] : [];
  });
}

describe('audit sentences', () => {
  test('a send reads as the issue shows it, with the display name and the campaign name', () => {
    const s = auditSentence({ actor: 'user:3:yamada', action: 'campaign.send', target: 'campaign:7', details: { queued: 26 }, names: { actor: '山田', target: '2026年12月 督促' } });
    assert.equal(s.ja, '山田 が 2026年12月 督促 を送信開始（26名）');
    assert.equal(s.en, '山田 started sending 2026年12月 督促 (26 people)');
  });

  test('English counts agree with their noun: 1 person, 2 people, 1 row', () => {
    assert.match(auditSentence({ actor: 'user:1:admin', action: 'campaign.send', target: 'campaign:1', details: { queued: 1 } }).en, /\(1 person\)$/);
    assert.match(auditSentence({ actor: 'user:1:admin', action: 'campaign.send', target: 'campaign:1', details: { queued: 2 } }).en, /\(2 people\)$/);
    assert.match(auditSentence({ actor: 'user:1:admin', action: 'campaign.recipients.remove', target: 'campaign:1', details: { removed: 1, lines: [4] } }).en, /\(1 row\)$/);
  });

  test('without resolved names the login and 「キャンペーン #5」 stand in; API keys and the system are named as such', () => {
    assert.equal(auditSentence({ actor: 'user:3:tanaka@example.jp', action: 'campaign.pause', target: 'campaign:5', details: null }).ja, 'tanaka@example.jp が キャンペーン #5 を一時停止');
    assert.equal(auditSentence({ actor: 'apikey:2:batch', action: 'campaign.resume', target: 'campaign:5', details: null }).en, 'API key "batch" resumed campaign #5');
    assert.equal(auditSentence({ actor: 'system', action: 'user.create', target: 'user:1', details: { role: 'admin', firstAdministrator: true } }).ja, 'システム が ユーザー #1 を追加（権限: 管理者）');
  });

  test('an import reports what was accepted and set aside; a corrected reply names the new reading', () => {
    const s = auditSentence({ actor: 'user:1:admin', action: 'campaign.import', target: 'campaign:1', details: { rows: 30, accepted: 28, rejected: 2, encoding: 'Shift_JIS' } });
    assert.equal(s.ja, 'admin が キャンペーン #1 にリストを取り込み（受付 28件、除外 2件）');
    assert.equal(s.en, 'admin imported a list into campaign #1 (28 rows accepted, 2 rows set aside)');
    assert.match(auditSentence({ actor: 'user:1:admin', action: 'inbound.intent', target: 'inbound:9', details: { from: 'other', to: 'opt_out' } }).ja, /返信 #9 の分類を修正（→ .+）$/);
  });

  test('details that are not what the sentence expects are left out, not printed as undefined', () => {
    const s = auditSentence({ actor: 'user:1:admin', action: 'campaign.send', target: 'campaign:1', details: { queued: 'many' } });
    assert.equal(s.ja, 'admin が キャンペーン #1 を送信開始');
    assert.doesNotMatch(JSON.stringify(auditSentence({ actor: 'x', action: 'campaign.delete', target: null, details: [1, 2] })), /undefined/);
  });

  test('an action this build does not know still reads as a sentence naming it', () => {
    assert.equal(auditSentence({ actor: 'user:1:admin', action: 'future.thing', target: 'campaign:2', details: null }).en, 'admin did future.thing (campaign #2)');
  });

  test('every action the code writes to the audit log has its own sentence', () => {
    const written = new Set<string>();
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      if (!/audit/i.test(text)) continue;
      // Each call that writes an entry, up to its details: the action literals in it (both arms of a ternary).
      for (const call of text.matchAll(/(?:audit\.append\(|auditCampaign\(|\baudit\()([\s\S]{0,240})/g)) {
        const head = call[1]!.split('details')[0]!;
        for (const m of head.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) written.add(m[1]!);
      }
    }
    for (const a of ['campaign.send', 'route.create', 'route.update', 'campaign.recipients.replace', 'campaign.import', 'session.login_failed', 'suppression.add']) assert.ok(written.has(a), `the scan finds ${a}`);
    const known = new Set<string>(AUDIT_ACTIONS);
    assert.deepEqual([...written].filter((a) => !known.has(a)).sort(), []);
  });
});
