import { useQuery } from '@tanstack/react-query';
import { api, type DataBody } from '@/lib/api-client';
import { evaluationKeys, type DefinitionDto } from './types';

/** `GET /api/v1/evaluations/definitions`: each indicator's name and what its numerator and denominator count. */
export function useDefinitions() {
  return useQuery({
    queryKey: evaluationKeys.definitions,
    queryFn: async () => (await api<DataBody<DefinitionDto[]>>('/evaluations/definitions')).data,
    staleTime: 60 * 60_000,
  });
}
