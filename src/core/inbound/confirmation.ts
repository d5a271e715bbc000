// The one message a person gets after opting out: that it is done, and from whom.
/** The confirmation text in the campaign's language ('en' for an English-speaking policy such as the US one). */
export function optOutConfirmation(organisation: string, language: 'ja' | 'en' = 'ja'): string {
  const name = organisation.trim();
  if (language === 'en') return `You are unsubscribed and will receive no further messages.${name ? ` - ${name}` : ''}`;
  return `配信を停止しました。今後このお知らせはお送りしません。${name ? `【${name}】` : ''}`;
}
