// Administration: people, API keys, routes, the organisation, the suppression list, webhooks and the
// audit log, one tab each.
import { useI18n, type Key } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { Users } from './Users.tsx';
import { ApiKeys } from './ApiKeys.tsx';
import { Routes } from './Routes.tsx';
import { OrganisationForm } from './Organisation.tsx';
import { SendingSettingsForm } from './SendingSettings.tsx';
import { Suppressions } from './Suppressions.tsx';
import { Webhooks } from './Webhooks.tsx';
import { Audit } from './Audit.tsx';

const TABS = ['users', 'keys', 'routes', 'organisation', 'suppressions', 'webhooks', 'audit'] as const;

export function AdminPage({ tab }: { tab: string }) {
  const { t } = useI18n();
  return (
    <section className="page admin">
      <h1>{t('nav.admin')}</h1>
      <nav aria-label={t('admin.sections')} className="tabs">
        {TABS.map((x) => (
          <Link key={x} to={`/admin/${x}`} {...(x === tab ? { 'aria-current': 'page' as const } : {})}>
            {t(`admin.${x}` as Key)}
          </Link>
        ))}
      </nav>
      {tab === 'users' && <Users />}
      {tab === 'keys' && <ApiKeys />}
      {tab === 'routes' && <Routes />}
      {tab === 'organisation' && <OrganisationForm />}
      {tab === 'organisation' && <SendingSettingsForm />}
      {tab === 'suppressions' && <Suppressions />}
      {tab === 'webhooks' && <Webhooks />}
      {tab === 'audit' && <Audit />}
    </section>
  );
}
