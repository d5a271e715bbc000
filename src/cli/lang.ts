// Which language the CLI speaks, decided once before anything is printed: `--lang en|ja` wins, then the
// locale (LC_ALL, then LC_MESSAGES, then LANG: English when it starts with "en"), else Japanese. The
// command's help texts are written "日本語 / English" in one place each; only the chosen half is shown,
// and commander's own error lines are put into the same language, so no line mixes the two.
import type { Command } from 'commander';
import type { Lang } from './output.ts';

export function detectLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'en' || value === 'ja') return value;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.@-]|$)/iu.test(locale) ? 'en' : 'ja';
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/u;

/** "日本語 / English" → the half for `lang`; a text that is not such a pair is returned as it is. */
export function pick(text: string, lang: Lang): string {
  // The pair's separator: " / ", or "/ " right after a closing full-width bracket: （UTF-8）/ (UTF-8).
  // The first one with Japanese before it and none after it (examples in quotes aside) splits the pair.
  for (const sep of text.matchAll(/ \/ |(?<=[）」』])\/ /gu)) {
    const ja = text.slice(0, sep.index);
    const en = text.slice(sep.index + sep[0].length);
    if (JAPANESE.test(ja) && !JAPANESE.test(en.replace(/[「『"'{(（].*$/u, ''))) return lang === 'ja' ? ja : en;
  }
  return text;
}

/** Every description of every command, option and argument, in one language. */
export function localiseHelp(command: Command, lang: Lang): void {
  command.description(pick(command.description(), lang));
  for (const option of command.options) option.description = pick(option.description, lang);
  for (const argument of command.registeredArguments) argument.description = pick(argument.description, lang);
  command.helpOption('-h, --help', lang === 'ja' ? 'このヘルプを表示' : 'display help for command');
  for (const sub of command.commands) localiseHelp(sub, lang);
}

// Commander's own messages (English), said in Japanese when Japanese is chosen.
const COMMANDER_JA: [RegExp, (...m: string[]) => string][] = [
  [/^error: option '(.+)' argument '(.*)' is invalid\.\s*(.*)$/u, (_, flag, value, why) => `エラー: ${flag} の値「${value}」は使えません。${why}`],
  [/^error: option '(.+)' argument missing$/u, (_, flag) => `エラー: ${flag} の値がありません`],
  [/^error: required option '(.+)' not specified$/u, (_, flag) => `エラー: ${flag} を指定してください`],
  [/^error: missing required argument '(.+)'$/u, (_, name) => `エラー: 引数 ${name} を指定してください`],
  [/^error: unknown option '(.+?)'(.*)$/u, (_, flag, hint) => `エラー: ${flag} というオプションはありません${hint.replace(/\n?\(Did you mean (.+)\?\)/u, '（$1 のことですか?）')}`],
  [/^error: unknown command '(.+?)'(.*)$/u, (_, name, hint) => `エラー: ${name} というコマンドはありません${hint.replace(/\n?\(Did you mean (.+)\?\)/u, '（$1 のことですか?）')}`],
  [/^error: too many arguments(.*)$/u, () => 'エラー: 引数が多すぎます'],
  [/^error: command-argument value '(.*)' is invalid for argument '(.+)'\.\s*(.*)$/u, (_, value, name, why) => `エラー: 引数 ${name} の値「${value}」は使えません。${why}`],
];

/** A line commander wrote to stderr, in one language. */
export function localiseError(text: string, lang: Lang): string {
  // "…is invalid. 理由 / reason": commander's framing, then our parser's pair; pick the reason only.
  const invalid = /^(error: .* is invalid\.)\s*(.*)$/su.exec(text.replace(/\n$/u, ''));
  let joined = invalid ? `${invalid[1]} ${pick(invalid[2]!, lang)}` : text.replace(/\n$/u, '').split('\n').map((line) => pick(line, lang)).join('\n');
  if (lang === 'ja') {
    for (const [pattern, say] of COMMANDER_JA) {
      const m = pattern.exec(joined);
      if (m) {
        joined = say(...m);
        break;
      }
    }
  }
  return `${joined}\n`;
}
