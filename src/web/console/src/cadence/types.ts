// The cadence API's shapes the console names, each taken from the generated OpenAPI paths (as
// api/schemas.ts does for the rest): a change on the server shows up here as a type error.
import type { paths } from '../../../../api-client/client.ts';
import type { Answer } from '../api/client.ts';

type Item<T> = T extends readonly (infer I)[] ? I : never;

export type Cadence = Answer<'get', '/api/v1/campaigns/{campaign}/cadence'>;
export type CadenceState = Cadence['state'];
export type CadenceDefinition = Cadence['definition'];
export type CadenceStepStatus = Item<Cadence['steps']>;
export type StepCounts = CadenceStepStatus['counts'];
export type LeaveReason = keyof Cadence['left'];
export type CadenceBody = paths['/api/v1/campaigns/{campaign}/cadence']['post']['requestBody']['content']['application/json'];

export type DryRun = Answer<'post', '/api/v1/campaigns/{campaign}/cadence/dry-run'>;
export type DryRunPerson = Item<DryRun['people']>;
export type DryRunStep = Item<DryRunPerson['steps']>;

export type MemberPage = Answer<'get', '/api/v1/campaigns/{campaign}/cadence/members'>;
export type Member = Item<MemberPage['members']>;
export type MemberState = Member['state'];

export type CadenceTemplate = Item<Answer<'get', '/api/v1/cadence-templates'>['templates']>;
