// Which running route receives a provider's callbacks. The web edge (src/web/api/provider-callbacks.ts)
// looks the route up by the name in the callback URL. An HttpProviderRoute given the registry
// (deps.callbacks) registers itself when it starts and leaves when it has closed; other code may
// register a route by hand. In-process: a callback must reach a process that runs the route it is for.
//
// The registry also keeps each route name's ledger (the MessageSids it sent, see ledger.ts), so a
// route rebuilt under the same name (its settings edited) still accepts callbacks for what the previous
// instance sent.
import { SidLedger, type LedgerOptions } from './ledger.ts';
import type { FormPairs } from './signature.ts';

/** A callback as the web edge hands it on: the path it was posted to (with any query), fields, headers. */
export interface CallbackRequest {
  /** The request path and query exactly as received, e.g. /hooks/providers/twilio/status */
  path: string;
  params: FormPairs;
  /** X-Twilio-Signature */
  signature?: string | undefined;
  /** X-Todoku-Timestamp */
  timestamp?: string | undefined;
}

/** 'stored': handed to the dispatcher; 'repeat': already had it, acknowledged only. */
export type CallbackResult = 'stored' | 'repeat';

/** What a route offers the callback endpoints. Refusals are thrown as TodokuErrors. */
export interface ProviderCallbackTarget {
  readonly name: string;
  handleStatus(request: CallbackRequest): Promise<CallbackResult>;
  handleInbound(request: CallbackRequest): Promise<CallbackResult>;
}

export class ProviderRouteRegistry {
  private readonly routes = new Map<string, ProviderCallbackTarget>();
  private readonly ledgers = new Map<string, SidLedger>();

  /**
   * Makes a started route reachable for its callbacks (the newest registration of a name wins);
   * returns the function that takes it off again.
   */
  register(route: ProviderCallbackTarget): () => void {
    this.routes.set(route.name, route);
    return () => {
      if (this.routes.get(route.name) === route) this.routes.delete(route.name);
    };
  }

  get(name: string): ProviderCallbackTarget | undefined {
    return this.routes.get(name);
  }

  names(): string[] {
    return [...this.routes.keys()];
  }

  /** The ledger of a route name, shared by every instance of that route in this process. */
  ledger(name: string, options: LedgerOptions): SidLedger {
    let ledger = this.ledgers.get(name);
    if (ledger) ledger.configure(options);
    else this.ledgers.set(name, (ledger = new SidLedger(options)));
    return ledger;
  }
}
