// The route settings form: for each kind of route, the fields an office fills in (host, port, system_id,
// password, window, concatenation … for SMPP; baseUrl, accountSid, authToken for an HTTP provider), with
// the limits of the server's own schemas (src/routes/smpp/config.ts, src/routes/http-provider/config.ts,
// src/routes/delivery-window.ts; test/console/route-fields.test.ts holds the two together) and a line of
// help each. Settings without a field here stay editable in the advanced JSON. Pure: no React.
import type { Bilingual } from '../../../../core/errors.ts';
import type { RouteKind } from '../../../../core/route-record.ts';

export type FieldInput = 'text' | 'password' | 'url' | 'integer' | 'decimal' | 'select' | 'checkbox';

export interface RouteField {
  key: string;
  input: FieldInput;
  label: Bilingual;
  help: Bilingual;
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: readonly { value: string; label: Bilingual }[];
  /** What a new route starts with. */
  initial?: string | number | boolean;
}

/** Stored passwords come back masked; left so, the server keeps the one it has. */
export const MASKED = '********';
const DEFAULT_VALIDITY_MINUTES = 48 * 60;
const MAX_VALIDITY_MINUTES = 7 * 24 * 60;

const deliveryWindow: RouteField[] = [
  {
    key: 'validityMinutes',
    input: 'integer',
    min: 1,
    max: MAX_VALIDITY_MINUTES,
    initial: DEFAULT_VALIDITY_MINUTES,
    label: { ja: '有効期間（分）', en: 'Validity (minutes)' },
    help: {
      ja: `通信事業者が配達を試み続ける時間。過ぎても受領通知がないメッセージは「送達不明」になります（1〜${MAX_VALIDITY_MINUTES}分、既定 ${DEFAULT_VALIDITY_MINUTES}分＝48時間）。`,
      en: `How long the carrier keeps trying; a message without a receipt after it is "delivery unknown" (1–${MAX_VALIDITY_MINUTES}, default ${DEFAULT_VALIDITY_MINUTES} = 48 hours).`,
    },
  },
  {
    key: 'resendUnconfirmed',
    input: 'checkbox',
    initial: false,
    label: { ja: '応答が失われた送信を自動で再送する', en: 'Re-send a submit whose answer was lost' },
    help: {
      ja: '通常はオフ。事業者が受け取っていた場合、同じSMSが2通届くことがあります。',
      en: 'Usually off: if the carrier did get it, the person may receive the SMS twice.',
    },
  },
];

const window: RouteField = {
  key: 'window',
  input: 'integer',
  min: 1,
  max: 1000,
  initial: 10,
  label: { ja: '同時送信数（ウィンドウ）', en: 'Window (messages in flight)' },
  help: { ja: '応答を待たずに同時に送信中にできる件数（1〜1000、既定 10）。事業者の契約に合わせます。', en: 'Messages submitted at once before their answers arrive (1–1000, default 10); as your carrier contract allows.' },
};

export const ROUTE_FIELDS: Readonly<Record<RouteKind, readonly RouteField[]>> = {
  smpp: [
    { key: 'host', input: 'text', required: true, maxLength: 253, initial: '', label: { ja: 'ホスト', en: 'Host' }, help: { ja: '事業者の SMSC のホスト名または IP アドレス（例: smsc.example.net）。', en: "The carrier's SMSC host name or IP address (e.g. smsc.example.net)." } },
    { key: 'port', input: 'integer', required: true, min: 1, max: 65535, initial: 2775, label: { ja: 'ポート', en: 'Port' }, help: { ja: '1〜65535。SMPP の標準は 2775 です。', en: '1–65535; SMPP usually listens on 2775.' } },
    { key: 'systemId', input: 'text', required: true, maxLength: 15, initial: '', label: { ja: 'システムID（system_id）', en: 'System ID (system_id)' }, help: { ja: '事業者から発行された接続ID（15文字まで）。', en: 'The account name your carrier issued (up to 15 characters).' } },
    { key: 'password', input: 'password', required: true, maxLength: 8, initial: '', label: { ja: 'パスワード', en: 'Password' }, help: { ja: 'SMPP のパスワードは8文字まで。保存済みのものは ******** と表示され、変えなければそのまま使われます。', en: 'SMPP passwords have up to 8 characters. A stored one shows as ******** and is kept unless you change it.' } },
    { key: 'systemType', input: 'text', maxLength: 12, initial: '', label: { ja: 'システム種別（system_type）', en: 'System type (system_type)' }, help: { ja: '事業者に指定されたときだけ入力します（12文字まで）。', en: 'Only when your carrier asks for one (up to 12 characters).' } },
    {
      key: 'bindMode',
      input: 'select',
      initial: 'transceiver',
      options: [
        { value: 'transceiver', label: { ja: '送受信（transceiver、1接続）', en: 'Transceiver (one session)' } },
        { value: 'transmitter_receiver', label: { ja: '送信と受信を別々に（2接続）', en: 'Transmitter + receiver (two sessions)' } },
      ],
      label: { ja: '接続方式', en: 'Bind mode' },
      help: { ja: '通常は送受信。事業者が送信用と受信用の接続を分けるよう求めるときだけ変えます。', en: 'Transceiver unless your carrier requires separate sessions for sending and receiving.' },
    },
    window,
    {
      key: 'concatenation',
      input: 'select',
      initial: 'udh8',
      options: [
        { value: 'udh8', label: { ja: 'UDH 8ビット参照（一般的）', en: 'UDH, 8-bit reference (common)' } },
        { value: 'udh16', label: { ja: 'UDH 16ビット参照', en: 'UDH, 16-bit reference' } },
        { value: 'sar', label: { ja: 'SAR TLV', en: 'SAR TLVs' } },
        { value: 'payload', label: { ja: 'message_payload（国内の長文SMS、660文字まで）', en: 'message_payload (Japanese long SMS, up to 660 characters)' } },
      ],
      label: { ja: '長文の分割方式', en: 'Long messages' },
      help: { ja: '1通に収まらない本文の送り方。国内事業者の長文SMSは message_payload です。', en: 'How a text longer than one SMS travels; Japanese carriers’ long SMS use message_payload.' },
    },
    { key: 'maxSubmitsPerSecond', input: 'decimal', min: 0.001, initial: '', label: { ja: '毎秒の送信上限（submit_sm）', en: 'Most submits per second' }, help: { ja: '空欄なら事業者が抑制するまで制限しません。', en: 'Empty: no ceiling until the carrier throttles.' } },
    ...deliveryWindow,
  ],
  http: [
    { key: 'baseUrl', input: 'url', initial: 'https://api.twilio.com', label: { ja: 'API のアドレス（baseUrl）', en: 'API address (baseUrl)' }, help: { ja: 'Twilio 互換の Messages API。既定は https://api.twilio.com。', en: 'A Twilio-compatible Messages API; default https://api.twilio.com.' } },
    { key: 'accountSid', input: 'text', required: true, initial: '', label: { ja: 'アカウントSID', en: 'Account SID' }, help: { ja: '事業者の管理画面にある AC で始まるID。', en: "The ID starting with AC in your provider's console." } },
    { key: 'authToken', input: 'password', required: true, initial: '', label: { ja: '認証トークン', en: 'Auth token' }, help: { ja: '保存済みのものは ******** と表示され、変えなければそのまま使われます。', en: 'A stored one shows as ******** and is kept unless you change it.' } },
    { key: 'publicBaseUrl', input: 'url', required: true, initial: '', label: { ja: 'このサーバーの公開アドレス', en: "This server's public address" }, help: { ja: '事業者から見たこのサーバーのアドレス（例: https://todoku.example.jp）。配達通知の受け取りに使います。', en: 'This server as the provider reaches it (e.g. https://todoku.example.jp), for delivery callbacks.' } },
    window,
    ...deliveryWindow,
  ],
  simulator: [],
  'http-simulator': [],
};

export type ConfigObject = Record<string, unknown>;

/** The JSON text of the advanced editor as an object; null when it is not a JSON object. */
export function parseConfig(text: string): ConfigObject | null {
  try {
    const v: unknown = text.trim() ? JSON.parse(text) : {};
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as ConfigObject) : null;
  } catch {
    return null;
  }
}

/** A new route's settings: each field's starting value (empty ones left out). */
export function initialConfig(kind: RouteKind): ConfigObject {
  return Object.fromEntries(ROUTE_FIELDS[kind].filter((f) => f.initial !== undefined && f.initial !== '').map((f) => [f.key, f.initial]));
}

/** What a field shows for the stored value. */
export function fieldText(f: RouteField, config: ConfigObject): string {
  const v = config[f.key];
  return v === undefined || v === null ? '' : String(v);
}

/** The settings with one field changed as typed: numbers as numbers, an empty optional field removed. */
export function setField(config: ConfigObject, f: RouteField, typed: string | boolean): ConfigObject {
  const next = { ...config };
  if (f.input === 'checkbox') next[f.key] = typed === true;
  else if (typed === '') delete next[f.key];
  else if (f.input === 'integer' || f.input === 'decimal') next[f.key] = /^-?\d+(\.\d+)?$/u.test(String(typed).trim()) ? Number(typed) : String(typed);
  else next[f.key] = String(typed);
  return next;
}

/** What is wrong with each field, in words; an empty object when the form can be saved. */
export function checkRouteFields(kind: RouteKind, config: ConfigObject): Record<string, Bilingual> {
  const errors: Record<string, Bilingual> = {};
  for (const f of ROUTE_FIELDS[kind]) {
    const v = config[f.key];
    const empty = v === undefined || v === null || v === '';
    if (empty) {
      if (f.required) errors[f.key] = { ja: '入力してください', en: 'Required' };
      continue;
    }
    if (f.input === 'checkbox') {
      if (typeof v !== 'boolean') errors[f.key] = { ja: 'オンかオフで指定してください', en: 'Must be on or off' };
    } else if (f.input === 'integer' || f.input === 'decimal') {
      const n = typeof v === 'number' ? v : NaN;
      if (!Number.isFinite(n) || (f.input === 'integer' && !Number.isInteger(n))) errors[f.key] = f.input === 'integer' ? { ja: '整数で入力してください', en: 'Must be a whole number' } : { ja: '数値で入力してください', en: 'Must be a number' };
      else if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
        const range = f.max === undefined ? `${f.min}+` : `${f.min ?? ''}–${f.max}`;
        errors[f.key] = { ja: `${range} の範囲で入力してください`, en: `Must be within ${range}` };
      }
    } else if (typeof v !== 'string') {
      errors[f.key] = { ja: '文字で入力してください', en: 'Must be text' };
    } else if (f.maxLength !== undefined && [...v].length > f.maxLength && v !== MASKED) {
      errors[f.key] = { ja: `${f.maxLength}文字までです`, en: `At most ${f.maxLength} characters` };
    } else if (f.input === 'url' && !/^https?:\/\/[^\s/]+/u.test(v)) {
      errors[f.key] = { ja: 'http:// または https:// で始まるアドレスを入力してください', en: 'Must start with http:// or https://' };
    } else if (f.options && !f.options.some((o) => o.value === v)) {
      errors[f.key] = { ja: '一覧から選んでください', en: 'Choose one of the list' };
    }
  }
  return errors;
}
