import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { InboxList } from '@/features/instructions/components/inbox-list';
import { SendInstructionForm } from '@/features/instructions/components/send-instruction-form';
import { SentList } from '@/features/instructions/components/sent-list';
import { paths } from '@/config/paths';
import { maySendInstructions } from '@/lib/authorization';
import { useUser } from '@/lib/session';

type Tab = 'inbox' | 'sent' | 'send';

/** 指令: the inbox for everyone; for senders also what they sent (with receipts) and a form to send. */
export function InstructionsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const sender = maySendInstructions(user.role);
  const tabs: Tab[] = sender ? ['inbox', 'sent', 'send'] : ['inbox'];
  const tab = (tabs.includes(params.get('tab') as Tab) ? params.get('tab') : 'inbox') as Tab;
  return (
    <div className="page" data-testid="instructions-page">
      <h1>{t('nav.instructions')}</h1>
      {tabs.length > 1 ? (
        <nav className="tabs" aria-label={t('instructions.views')}>
          {tabs.map((x) => (
            <button
              key={x}
              type="button"
              className={`tab ${tab === x ? 'is-active' : ''}`}
              aria-current={tab === x ? 'page' : undefined}
              data-testid={`instructions-tab-${x}`}
              onClick={() => setParams({ tab: x }, { replace: true })}
            >
              {t(`instructions.tab.${x}`)}
            </button>
          ))}
        </nav>
      ) : null}
      {tab === 'inbox' ? <InboxList /> : null}
      {tab === 'sent' ? <SentList /> : null}
      {tab === 'send' ? <SendInstructionForm onSent={(id) => navigate(paths.instruction(id))} /> : null}
    </div>
  );
}
