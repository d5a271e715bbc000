// The campaign's funnel as it changes, over Server-Sent Events (no reload, no polling by the page).
// EventSource reconnects by itself; while it is down the last figures stay and `live` says so.
import { useEffect, useState } from 'react';
import type { FunnelReading } from '../api/schemas.ts';

export function useFunnelStream(campaignId: number | undefined): { reading: FunnelReading | null; live: boolean } {
  const [reading, setReading] = useState<FunnelReading | null>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (campaignId === undefined) return;
    const source = new EventSource(`/api/v1/campaigns/${campaignId}/events`);
    source.addEventListener('funnel', (e) => {
      setReading(JSON.parse((e as MessageEvent<string>).data) as FunnelReading);
      setLive(true);
    });
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [campaignId]);
  return { reading, live };
}
