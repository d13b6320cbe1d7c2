import { CreateIncidentBody, type CaseDto } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';

export { CreateIncidentBody };

/**
 * `POST /api/v1/incidents` (上报). The idempotency key makes retries safe: the server creates the
 * case once per key and answers the same case to every retry.
 */
export async function createIncident(body: CreateIncidentBody, idempotencyKey: string): Promise<CaseDto> {
  const res = await api<DataBody<CaseDto>>('/incidents', {
    method: 'POST',
    body: CreateIncidentBody.parse(body),
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  return res.data;
}
