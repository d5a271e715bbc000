// Finding a campaign by name (or id), and creating it when an import names one that does not exist.
import { campaignPath } from './api.ts';
import { CliError } from './errors.ts';
import type { Cli } from './context.ts';
import type { CampaignView } from './api-types.ts';

export async function findCampaign(cli: Cli, name: string): Promise<CampaignView | undefined> {
  try {
    return await cli.api.get<CampaignView>(campaignPath(name));
  } catch (err) {
    if (err instanceof CliError && err.status === 404) return undefined;
    throw err;
  }
}

export async function getCampaign(cli: Cli, name: string): Promise<CampaignView> {
  return cli.api.get<CampaignView>(campaignPath(name));
}

export async function ensureCampaign(cli: Cli, name: string): Promise<{ campaign: CampaignView; created: boolean }> {
  const existing = await findCampaign(cli, name);
  if (existing) return { campaign: existing, created: false };
  const campaign = await cli.api.post<CampaignView>('/campaigns', { name });
  return { campaign, created: true };
}
