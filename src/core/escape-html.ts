// Text made safe to place in HTML, as element content or a quoted attribute value. Pure, so that every
// page writer may use it: the recipient pages (web/pages/html.ts) and the payment simulator's checkout.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}
