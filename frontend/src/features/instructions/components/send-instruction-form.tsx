import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGridCells, useZones } from '@/api/get-geography';
import { useTeams } from '@/api/get-teams';
import { errorMessage } from '@/lib/error-message';
import { shanghaiLocalInputToIso } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useUser } from '@/lib/session';
import { toast } from '@/lib/toast';
import { useSendInstruction } from '../api/send-instruction';
import type { Priority } from '../api/types';
import { UserPicker, type PickedUser } from './user-picker';

interface Option {
  id: string;
  label: string;
}

function CheckList({ legend, options, value, onChange }: { legend: string; options: Option[]; value: string[]; onChange: (v: string[]) => void }) {
  const id = useId();
  if (!options.length) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="check-grid check-scroll">
        {options.map((o) => (
          <div className="field-inline" key={o.id}>
            <input
              type="checkbox"
              id={`${id}-${o.id}`}
              checked={value.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))}
            />
            <label htmlFor={`${id}-${o.id}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Sending an instruction (指令) to teams, zones, grid cells or named people, with priority and an
 * optional deadline: the bureau anywhere, a team leader within the team (only its own team, zones,
 * cells and people are offered; the server checks again).
 */
export function SendInstructionForm({ onSent }: { onSent: (id: string) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const user = useUser();
  const id = useId();
  const send = useSendInstruction();
  const teams = useTeams();
  const zones = useZones();
  const cells = useGridCells();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [deadline, setDeadline] = useState('');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [zoneIds, setZoneIds] = useState<string[]>([]);
  const [gridIds, setGridIds] = useState<string[]>([]);
  const [users, setUsers] = useState<PickedUser[]>([]);
  const [error, setError] = useState<string | null>(null);

  const mine = (teamId: unknown) => user.role !== 'team_leader' || teamId === user.teamId;
  const name = (n: unknown, code: string) => (typeof n === 'string' ? n : local(n as { zh: string; en: string }, code));
  const teamOptions = (teams.data ?? []).filter((x) => mine(x.id)).map((x) => ({ id: x.id, label: local(x.name, x.code ?? x.id) }));
  const zoneOptions = (zones.data?.features ?? []).filter((f) => mine(f.properties.teamId)).map((f) => ({ id: f.properties.id, label: name(f.properties.name, f.properties.code) }));
  const myZones = new Set(zoneOptions.map((z) => z.id));
  const cellOptions = (cells.data?.features ?? [])
    .filter((f) => user.role !== 'team_leader' || myZones.has(String(f.properties.zoneId)))
    .map((f) => ({ id: f.properties.id, label: `${f.properties.code} ${name(f.properties.name, '')}` }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t('instructions.err.title'));
    if (!teamIds.length && !zoneIds.length && !gridIds.length && !users.length) return setError(t('instructions.targetsAny'));
    const due = deadline ? shanghaiLocalInputToIso(deadline) : null;
    if (deadline && !due) return setError(t('instructions.err.deadline'));
    setError(null);
    send.mutate(
      { title: title.trim(), body: body.trim(), priority, deadline: due ?? null, targets: { teamIds, zoneIds, gridIds, userIds: users.map((u) => u.id) } },
      {
        onSuccess: (ins) => {
          toast('success', t('instructions.sent', { count: ins.recipientCount }));
          onSent(ins.id);
        },
      },
    );
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="send-instruction-form">
      <h2 id={`${id}-h`}>{t('instructions.send')}</h2>
      <div className="field">
        <label htmlFor={`${id}-title`}>
          {t('instructions.title')} <span className="req">*</span>
        </label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('instructions.body')}</label>
        <textarea id={`${id}-body`} value={body} onChange={(e) => setBody(e.target.value)} maxLength={2000} rows={4} />
      </div>
      <fieldset>
        <legend>{t('instructions.priorityLabel')}</legend>
        {(['normal', 'urgent'] as const).map((p) => (
          <div className="field-inline" key={p}>
            <input type="radio" id={`${id}-p-${p}`} name={`${id}-p`} checked={priority === p} onChange={() => setPriority(p)} />
            <label htmlFor={`${id}-p-${p}`}>{t(`instructions.priority.${p}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-deadline`}>{t('instructions.deadlineLabel')}</label>
        <input id={`${id}-deadline`} type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        <p className="hint">{t('form.shanghaiTime')}</p>
      </div>
      <CheckList legend={t('instructions.toTeams')} options={teamOptions} value={teamIds} onChange={setTeamIds} />
      <CheckList legend={t('instructions.toZones')} options={zoneOptions} value={zoneIds} onChange={setZoneIds} />
      <CheckList legend={t('instructions.toCells')} options={cellOptions} value={gridIds} onChange={setGridIds} />
      <UserPicker value={users} onChange={setUsers} />
      {error || send.error ? (
        <p className="form-error" role="alert">
          {error ?? errorMessage(send.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="send-instruction-submit">
          {send.isPending ? t('form.submitting') : t('instructions.sendSubmit')}
        </button>
      </div>
    </form>
  );
}
