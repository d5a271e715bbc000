// The console: login first (and a new password when the one given was one-time), then the screens by
// path: campaigns and their wizard, live tracking and its printable summary, the inbox, the evidence
// ledger (証跡), administration.
import { useEffect } from 'react';
import { useSession } from './session.tsx';
import { match, navigate, useLocation } from './router.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { ChangePasswordPage, ChangePasswordForm } from './auth/ChangePasswordPage.tsx';
import { Shell } from './layout/Shell.tsx';
import { CampaignList } from './campaigns/CampaignList.tsx';
import { Wizard } from './campaigns/wizard/Wizard.tsx';
import { TrackingPage } from './tracking/TrackingPage.tsx';
import { SummaryPage } from './tracking/SummaryPage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { RequestsPage } from './inbox/RequestsPage.tsx';
import { MisdeliveredPage } from './inbox/MisdeliveredPage.tsx';
import { AdminPage } from './admin/AdminPage.tsx';
import { EvidencePage } from './evidence/EvidencePage.tsx';
import { ApprovalsPage } from './approvals/ApprovalsPage.tsx';
import { ApprovalDetail } from './approvals/ApprovalDetail.tsx';
import { BankReconciliationPage } from './payments/BankReconciliationPage.tsx';
import { CadencePage } from './cadence/CadencePage.tsx';
import { useI18n } from './i18n/index.tsx';

function Screen({ path }: { path: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  let m;
  if ((m = match('/campaigns/:id/setup/:step', path))) return <Wizard campaignId={m.id!} step={m.step!} />;
  if ((m = match('/campaigns/:id/setup', path))) return <Wizard campaignId={m.id!} step="recipients" />;
  if ((m = match('/campaigns/:id/summary', path))) return <SummaryPage campaignId={m.id!} />;
  if ((m = match('/campaigns/:id/cadence', path))) return <CadencePage campaignId={m.id!} />;
  if ((m = match('/campaigns/:id', path))) return <TrackingPage campaignId={m.id!} />;
  if (match('/inbox/requests', path)) return <RequestsPage />;
  if (match('/inbox/misdelivered', path)) return <MisdeliveredPage />;
  if ((m = match('/inbox/:id', path))) return <InboxPage conversationId={m.id!} />;
  if (match('/inbox', path)) return <InboxPage conversationId={null} />;
  if ((m = match('/approvals/:id', path))) return <ApprovalDetail id={m.id!} />;
  if (match('/approvals', path)) return <ApprovalsPage />;
  if (match('/evidence', path)) return <EvidencePage />;
  if (match('/payments', path)) return can('operator') ? <BankReconciliationPage /> : <p>{t('error.forbidden')}</p>;
  if ((m = match('/admin/:tab', path))) return can('admin') ? <AdminPage tab={m.tab!} /> : <p>{t('error.forbidden')}</p>;
  if (match('/account', path))
    return (
      <section className="page narrow">
        <h1>{t('password.title')}</h1>
        <ChangePasswordForm forced={false} />
      </section>
    );
  if (match('/', path) || match('/campaigns', path)) return <CampaignList />;
  return (
    <section className="page">
      <h1>{t('error.notFound')}</h1>
    </section>
  );
}

export function App() {
  const { state } = useSession();
  const path = useLocation();
  const { t } = useI18n();
  useEffect(() => {
    if (state.status === 'user' && path.startsWith('/login')) navigate('/', { replace: true });
  }, [state, path]);
  if (state.status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (state.status === 'anonymous') return <LoginPage expired={state.expired} />;
  if (state.user.mustChangePassword) return <ChangePasswordPage />;
  if (match('/campaigns/:id/summary', path)) return <Screen path={path} />;
  return (
    <Shell>
      <Screen path={path} />
    </Shell>
  );
}
