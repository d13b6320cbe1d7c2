import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TransitionBody, TIERS, type CaseAction, type CaseDto } from '@gridenforce/backend/contracts';
import { uploadCasePhoto } from '@/api/upload-case-photo';
import { useTeams } from '@/api/get-teams';
import { errorMessage, fieldErrors } from '@/lib/error-message';
import { shanghaiLocalInputToIso } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { shrinkPhoto } from '@/lib/image';
import { toast } from '@/lib/toast';
import { useAgencies } from '@/api/get-agencies';
import { useCreateTransition } from '../api/create-transition';
import { ACTION_FIELDS, DECISION_TYPES, NOTE_REQUIRED, type FieldKind } from './transition-fields';

type Values = Record<string, string | boolean | File[]>;

/** Builds the request body from the form values; schema validation happens afterwards. */
function buildBody(action: CaseAction, fields: FieldKind[], v: Values, photoIds: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { action };
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  for (const f of fields) {
    switch (f) {
      case 'note':
        if (str('note')) body.note = str('note');
        break;
      case 'urgent':
        if (v.urgent) body.urgent = true;
        break;
      case 'tier':
      case 'deTier':
        if (str('tier')) body.tier = str('tier');
        break;
      case 'teamId':
      case 'targetCaseId':
      case 'agencyId':
      case 'referralId':
      case 'legalBasis':
        if (str(f)) body[f] = str(f);
        break;
      case 'referKind':
        body.kind = str('referKind') || 'transfer';
        break;
      case 'hours':
      case 'days':
      case 'amountYuan':
        if (str(f) !== '') body[f] = Number(str(f));
        break;
      case 'hearingOffered':
      case 'requested':
        body[f] = v[f] === true;
        break;
      case 'approved':
        if (str('approved')) body.approved = str('approved') === 'yes';
        break;
      case 'decisionType':
        if (str(f)) body.decisionType = str(f);
        break;
      case 'heldAt':
      case 'servedAt': {
        const iso = shanghaiLocalInputToIso(str(f));
        if (iso) body[f] = iso;
        break;
      }
      case 'photos':
        if (photoIds.length) body.photoIds = photoIds;
        break;
    }
  }
  return body;
}

/**
 * The form for one allowed action: only the inputs that action takes, validated with the same
 * TransitionBody schema as the server. Photos (evidence, verification) are uploaded first and sent
 * as photoIds.
 */
export function TransitionForm({ kase, action, onDone, onCancel }: { kase: CaseDto; action: CaseAction; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const fields = ACTION_FIELDS[action];
  const mutation = useCreateTransition(kase.id);
  const teams = useTeams();
  const agencies = useAgencies(fields.includes('agencyId'));
  const [values, setValues] = useState<Values>(() => ({
    referKind: 'transfer',
    targetCaseId: kase.possibleDuplicates[0]?.id ?? '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const base = useId();
  const id = (f: string) => `${base}-${f}`;
  const set = (k: string, val: string | boolean | File[]) => setValues((s) => ({ ...s, [k]: val }));
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    // Validate everything but the photos first, so nothing is uploaded for an invalid form.
    const draft = TransitionBody.safeParse(buildBody(action, fields, values, []));
    if (!draft.success) {
      const errs: Record<string, string> = {};
      for (const i of draft.error.issues) {
        const k = String(i.path[0] ?? 'form');
        errs[k === 'tier' && fields.includes('deTier') ? 'deTier' : k === 'kind' ? 'referKind' : k] ??= t('form.invalid');
      }
      setErrors(errs);
      return;
    }
    setErrors({});
    const photoIds: string[] = [];
    const files = (values.photos as File[] | undefined) ?? [];
    try {
      if (files.length) {
        setUploading(true);
        for (const f of files) photoIds.push((await uploadCasePhoto(kase.id, await shrinkPhoto(f), f.name)).id);
      }
    } catch (err) {
      setFormError(errorMessage(err, t));
      return;
    } finally {
      setUploading(false);
    }
    const body = TransitionBody.parse(buildBody(action, fields, values, photoIds));
    mutation.mutate(body, {
      onSuccess: () => {
        toast('success', t('actions.done', { action: t(`action.${action}`) }));
        onDone();
      },
      onError: (err) => {
        const fe = fieldErrors(err);
        if (Object.keys(fe).length) setErrors(fe);
      },
    });
  };

  const err = (k: string) =>
    errors[k] ? (
      <p className="field-error" id={`${id(k)}-err`}>
        {errors[k]}
      </p>
    ) : null;
  const invalid = (k: string) => ({ 'aria-invalid': errors[k] ? true : undefined, 'aria-describedby': errors[k] ? `${id(k)}-err` : undefined });
  const busy = uploading || mutation.isPending;

  return (
    <form className="transition-form card" onSubmit={submit} noValidate data-testid={`transition-form-${action}`} aria-label={t(`action.${action}`)}>
      <h3>{t(`action.${action}`)}</h3>
      {fields.map((f) => {
        switch (f) {
          case 'note':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>
                  {t('form.note')}
                  {NOTE_REQUIRED.has(action) ? <span className="req"> *{t('form.required')}</span> : null}
                </label>
                <textarea id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} maxLength={2000} {...invalid(f)} autoFocus={fields[0] === 'note'} />
                {err(f)}
              </div>
            );
          case 'urgent':
          case 'hearingOffered':
          case 'requested':
            return (
              <div className="field field-inline" key={f}>
                <input id={id(f)} type="checkbox" checked={values[f] === true} onChange={(e) => set(f, e.target.checked)} />
                <label htmlFor={id(f)}>{t(`form.${f}`)}</label>
              </div>
            );
          case 'tier':
          case 'deTier':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.tier')}</label>
                <select id={id(f)} value={str('tier')} onChange={(e) => set('tier', e.target.value)} {...invalid(f)}>
                  {f === 'tier' ? <option value="">{t('form.tierAuto')}</option> : <option value="">—</option>}
                  {TIERS.filter((x) => f === 'tier' || x !== 'bureau').map((x) => (
                    <option key={x} value={x}>
                      {t(`tier.${x}`)}
                    </option>
                  ))}
                </select>
                {err(f)}
              </div>
            );
          case 'teamId':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.team')}</label>
                <select id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)}>
                  <option value="">{t('form.teamAuto')}</option>
                  {(teams.data ?? []).map((tm) => (
                    <option key={tm.id} value={tm.id}>
                      {local(tm.name, tm.code ?? tm.id)}
                    </option>
                  ))}
                </select>
                {err(f)}
              </div>
            );
          case 'targetCaseId':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.targetCase')}</label>
                {kase.possibleDuplicates.length ? (
                  <select id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)}>
                    {kase.possibleDuplicates.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.caseNo} · {t('case.distance', { m: Math.round(d.distanceM) })}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} placeholder={t('form.caseIdHint')} {...invalid(f)} />
                )}
                {err(f)}
              </div>
            );
          case 'agencyId':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.agency')}</label>
                {agencies.data?.length ? (
                  <select id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)}>
                    <option value="">—</option>
                    {agencies.data.map((a) => (
                      <option key={a.id} value={a.id}>
                        {local(a.name, a.code ?? a.id)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} placeholder={t('form.agencyIdHint')} {...invalid(f)} />
                )}
                {err(f)}
              </div>
            );
          case 'referKind':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.referKind')}</label>
                <select id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)}>
                  {(['transfer', 'copy', 'crime'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`referKind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            );
          case 'referralId': {
            const open = kase.referrals.filter((r) => !r.acknowledgedAt);
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.referral')}</label>
                <select id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)}>
                  <option value="">—</option>
                  {open.map((r) => (
                    <option key={r.id} value={r.id}>
                      {t(`referKind.${r.kind}`, { defaultValue: r.kind })} · {r.at.slice(0, 10)}
                    </option>
                  ))}
                </select>
                {err(f)}
              </div>
            );
          }
          case 'hours':
          case 'days':
          case 'amountYuan':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t(`form.${f}`)}</label>
                <input id={id(f)} type="number" inputMode="numeric" min={f === 'amountYuan' ? 0 : 1} step={f === 'amountYuan' ? '0.01' : 1} value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)} />
                {err(f)}
              </div>
            );
          case 'approved':
            return (
              <fieldset key={f} aria-describedby={errors[f] ? `${id(f)}-err` : undefined}>
                <legend>{t('form.reviewResult')}</legend>
                {(['yes', 'no'] as const).map((x) => (
                  <div className="field-inline" key={x}>
                    <input type="radio" id={id(`${f}-${x}`)} name={id(f)} value={x} checked={str(f) === x} onChange={() => set(f, x)} />
                    <label htmlFor={id(`${f}-${x}`)}>{t(x === 'yes' ? 'form.approve' : 'form.disapprove')}</label>
                  </div>
                ))}
                {err(f)}
              </fieldset>
            );
          case 'decisionType':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.decisionType')}</label>
                <select id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)}>
                  <option value="">—</option>
                  {DECISION_TYPES.map((d) => (
                    <option key={d} value={d}>
                      {t(`decision.${d}`)}
                    </option>
                  ))}
                </select>
                {err(f)}
              </div>
            );
          case 'legalBasis':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t('form.legalBasis')}</label>
                <input id={id(f)} value={str(f)} onChange={(e) => set(f, e.target.value)} maxLength={500} {...invalid(f)} />
                {err(f)}
              </div>
            );
          case 'heldAt':
          case 'servedAt':
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t(`form.${f}`)}</label>
                <input id={id(f)} type="datetime-local" value={str(f)} onChange={(e) => set(f, e.target.value)} {...invalid(f)} />
                <p className="hint">{t('form.shanghaiTime')}</p>
                {err(f)}
              </div>
            );
          case 'photos': {
            const files = (values.photos as File[] | undefined) ?? [];
            return (
              <div className="field" key={f}>
                <label htmlFor={id(f)}>{t(action === 'verify' ? 'form.verifyPhotos' : 'form.photos')}</label>
                <input
                  id={id(f)}
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  data-testid="transition-photos"
                  onChange={(e) => set('photos', Array.from(e.target.files ?? []).slice(0, 20))}
                />
                {files.length ? <p className="hint">{t('form.photosChosen', { count: files.length })}</p> : null}
                {err('photoIds')}
              </div>
            );
          }
        }
        return null;
      })}
      {formError || mutation.error ? (
        <p className="form-error" role="alert">
          {formError ?? errorMessage(mutation.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="transition-submit">
          {uploading ? t('form.uploading') : mutation.isPending ? t('form.submitting') : t('form.confirm', { action: t(`action.${action}`) })}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
