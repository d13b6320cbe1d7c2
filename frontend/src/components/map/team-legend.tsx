import { useTranslation } from 'react-i18next';
import { useTeams } from '@/api/get-teams';
import { useLocalName } from '@/lib/i18n';
import { useTeamColors } from './team-colors';

/** Which colour belongs to which team. */
export function TeamLegend() {
  const { t } = useTranslation();
  const { data: teams } = useTeams();
  const local = useLocalName();
  const teamColor = useTeamColors();
  if (!teams?.length) return null;
  return (
    <section className="legend" aria-label={t('map.legend')}>
      <h3>{t('map.legend')}</h3>
      <ul>
        {teams.map((tm) => (
          <li key={tm.id}>
            <span className="swatch" style={{ background: teamColor(tm.id) }} aria-hidden="true" />
            {local(tm.name, tm.code ?? tm.id)}
          </li>
        ))}
      </ul>
    </section>
  );
}
