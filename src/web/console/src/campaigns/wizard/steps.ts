// The wizard's steps and what every step screen receives; kept apart from Wizard.tsx so the step
// screens can import it without importing the wizard that renders them.
import type { Campaign } from '../../api/schemas.ts';

export const STEPS = ['recipients', 'template', 'page', 'send'] as const;
export type Step = (typeof STEPS)[number];

export interface StepProps {
  campaign: Campaign;
  reload(): Promise<void>;
  /** Path of a step of this campaign's wizard. */
  stepPath(step: Step): string;
}
