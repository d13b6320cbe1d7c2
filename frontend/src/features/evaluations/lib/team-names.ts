import { useTranslation } from 'react-i18next';
import { useTeams } from '@/api/get-teams';
import { useLocalName } from '@/lib/i18n';

/** Team id → its name in the current language (`none` = cases held by no team). */
export function useTeamName() {
  const { t } = useTranslation();
  const local = useLocalName();
  const teams = useTeams();
  const byId = new Map((teams.data ?? []).map((x) => [x.id, x]));
  return (id: string) => (id === 'none' ? t('evaluations.noTeam') : local(byId.get(id)?.name, id));
}
