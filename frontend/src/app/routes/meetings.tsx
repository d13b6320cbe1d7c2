import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionItemList } from '@/features/meetings/components/action-item-list';
import { CreateMeetingForm } from '@/features/meetings/components/create-meeting-form';
import { MeetingList } from '@/features/meetings/components/meeting-list';
import { isBureau } from '@/lib/authorization';
import { useUser } from '@/lib/session';

/** 联席会议: meetings in scope, scheduling (bureau), and the action items being followed up. */
export function MeetingsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page" data-testid="meetings-page">
      <div className="list-head">
        <h1>{t('nav.meetings')}</h1>
        {isBureau(user.role) && !creating ? (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="meeting-new">
            + {t('meetings.create')}
          </button>
        ) : null}
      </div>
      {creating ? <CreateMeetingForm onDone={() => setCreating(false)} /> : null}
      <MeetingList />
      <ActionItemList />
    </div>
  );
}
