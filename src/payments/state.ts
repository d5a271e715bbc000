// A message's payment state and what may move it: unpaid → pending (a checkout was opened) → paid, or
// cancelled / expired and back to pending when the recipient tries again. Paid is final. Events about
// an older checkout may still pay (money is money) but cannot cancel or expire the current one, so
// events arriving twice or out of order change nothing they should not.
import type { PaymentEventKind } from './provider.ts';
import type { PaymentState } from '../store/schema-recipient-actions.ts';

export type { PaymentState };

export interface PaymentPosition {
  state: PaymentState;
  checkoutId: string | null;
}

export function canStartCheckout(state: PaymentState): boolean {
  return state !== 'paid';
}

/** The state after an event, or null when the event changes nothing. */
export function afterEvent(current: PaymentPosition, event: { kind: PaymentEventKind; checkoutId: string }): PaymentState | null {
  if (current.state === 'paid') return null;
  if (event.kind === 'paid') return 'paid';
  const aboutCurrent = event.checkoutId === current.checkoutId;
  if (!aboutCurrent) return null;
  switch (event.kind) {
    case 'awaiting':
      return current.state === 'pending' ? null : 'pending';
    case 'failed':
      return current.state === 'pending' ? 'cancelled' : null;
    case 'expired':
      return current.state === 'pending' ? 'expired' : null;
  }
}

/** The recipient came back through the checkout's cancel link. */
export function afterCancelReturn(current: PaymentPosition, checkoutId: string): PaymentState | null {
  return current.state === 'pending' && current.checkoutId === checkoutId ? 'cancelled' : null;
}
