// Finding a campaign by name (or id), and creating it when an import names one that does not exist.
import { answer } from './api.ts';
import { CliError } from './errors.ts';
import type { Schema } from '../api-client/client.ts';
import type { Cli } from './context.ts';

export type CampaignView = Schema<'Campaign'>;

/** The path parameter of every /campaigns/{campaign} call: an id or a name. */
export const campaignRef = (campaign: string | number) => ({ path: { campaign: String(campaign) } });

export async function findCampaign(cli: Cli, name: string): Promise<CampaignView | undefined> {
  try {
    return await getCampaign(cli, name);
  } catch (err) {
    if (err instanceof CliError && err.status === 404) return undefined;
    throw err;
  }
}

export async function getCampaign(cli: Cli, name: string | number): Promise<CampaignView> {
  return answer(await cli.api.http.GET('/api/v1/campaigns/{campaign}', { params: campaignRef(name) }));
}

export async function ensureCampaign(cli: Cli, name: string): Promise<{ campaign: CampaignView; created: boolean }> {
  const existing = await findCampaign(cli, name);
  if (existing) return { campaign: existing, created: false };
  const campaign = answer(await cli.api.http.POST('/api/v1/campaigns', { body: { name } }));
  return { campaign, created: true };
}
