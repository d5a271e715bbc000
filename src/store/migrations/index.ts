// Append-only list of migrations. Never edit one that has shipped; add the next number.
import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { initial } from './0001_initial.ts';
import { routing } from './0002_routing.ts';
import { templates } from './0007_templates.ts';
import { landing } from './0003_landing.ts';
import { recipientActions } from './0004_recipient_actions.ts';
import { accounts } from './0005_accounts.ts';
import { webhooks } from './0006_webhooks.ts';
import { loginThrottle } from './0008_login_throttle.ts';
import { rateLimits } from './0009_rate_limits.ts';
import { organisationShortNames } from './0014_organisation_short_names.ts';
import { messagesAwaitingReceipt } from './0010_messages_awaiting_receipt.ts';
import { officialLinkBases } from './0011_official_link_bases.ts';
import { openMarks } from './0012_open_marks.ts';
import { campaignsArchived } from './0013_campaigns_archived.ts';
import { evidence } from './0015_evidence.ts';
import { approvals } from './0016_approvals.ts';
import { consentIdentity } from './0017_consent_identity.ts';
import { bankTransfers } from './0018_bank_transfers.ts';
import { cadences } from './0019_cadences.ts';
import { debtorActions } from './0020_debtor_actions.ts';
import { paymentMarks } from './0021_payment_marks.ts';
import { messagesPartialIndexes } from './0022_messages_partial_indexes.ts';
import { evidenceEntryContent } from './0023_evidence_entry_content.ts';

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '0001_initial': initial(dialect),
        '0002_routing': routing(dialect),
        '0003_landing': landing(dialect),
        '0004_recipient_actions': recipientActions(dialect),
        '0005_accounts': accounts(dialect),
        '0006_webhooks': webhooks(dialect),
        '0007_templates': templates(dialect),
        '0008_login_throttle': loginThrottle(),
        '0009_rate_limits': rateLimits(),
        '0010_messages_awaiting_receipt': messagesAwaitingReceipt(),
        '0011_official_link_bases': officialLinkBases(),
        '0012_open_marks': openMarks(dialect),
        '0013_campaigns_archived': campaignsArchived(),
        '0014_organisation_short_names': organisationShortNames(),
        '0015_evidence': evidence(dialect),
        '0016_approvals': approvals(dialect),
        '0017_consent_identity': consentIdentity(),
        '0018_bank_transfers': bankTransfers(dialect),
        '0019_cadences': cadences(dialect),
        '0020_debtor_actions': debtorActions(dialect),
        '0021_payment_marks': paymentMarks(dialect),
        '0022_messages_partial_indexes': messagesPartialIndexes(),
        '0023_evidence_entry_content': evidenceEntryContent(),
      };
    },
  };
}
