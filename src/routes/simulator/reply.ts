// Replies from recipients (mobile-originated messages) as the simulated SMSC delivers them: a deliver_sm
// from the recipient's number to the sender's address, GSM-7 or UCS-2, a long one in parts sharing an
// 8-bit UDH reference. Which reply a delivered message gets: the next one scripted for its number,
// else, at moRate, one picked from the canned list.
import { submitParts, type SubmitPart } from '../smpp/submit-parts.ts';
import type { PduFields } from '../smpp/wire.ts';
import type { Address } from './intake.ts';
import type { SimulatorSettings } from './settings.ts';

export interface ReplyJob {
  kind: 'reply';
  /** The recipient, now the sender. */
  from: Address;
  /** The address the original message came from. */
  to: Address;
  part: SubmitPart;
}

/** The reply to a delivered message to `number` (E.164 with '+'), if any; consumes a scripted one. */
export function takeReply(settings: SimulatorSettings, number: string, random: () => number): string | null {
  const digits = number.replace(/^\+/, '');
  const key = Object.keys(settings.moScript).find((k) => k.replace(/^\+/, '') === digits);
  const script = key === undefined ? undefined : settings.moScript[key];
  if (key !== undefined && script && script.length > 0) {
    const [next, ...rest] = script;
    if (rest.length > 0) settings.moScript[key] = rest;
    else delete settings.moScript[key];
    return next ?? null;
  }
  if (settings.moRate <= 0 || random() >= settings.moRate) return null;
  return settings.moTexts[Math.floor(random() * settings.moTexts.length)] ?? null;
}

export function replyJobs(text: string, from: Address, to: Address, ref: number): ReplyJob[] {
  return submitParts(text, { concatenation: 'udh8', ref }).map((part) => ({ kind: 'reply', from, to, part }));
}

export function replyFields(job: ReplyJob): PduFields {
  return {
    source_addr_ton: job.from.ton,
    source_addr_npi: job.from.npi,
    source_addr: job.from.addr,
    dest_addr_ton: job.to.ton,
    dest_addr_npi: job.to.npi,
    destination_addr: job.to.addr,
    esm_class: job.part.esmClass,
    data_coding: job.part.dataCoding,
    short_message: job.part.shortMessage,
  };
}
