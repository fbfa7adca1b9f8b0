/**
 * TanStack Query over the API client. Query keys are `[method, input]`; a push from the core
 * ("workOrders changed") invalidates every query whose method belongs to a changed topic, so open
 * screens refresh themselves after any write — from this window, another PC or the uploader.
 */
import {
  QueryClient,
  type UseMutationOptions,
  type UseQueryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { call, getTransport } from './client.js';

export const makeQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (n, e) => n < 2 && (e as ApiError).code === 'unreachable',
        refetchOnWindowFocus: false,
      },
    },
  });

export function useCall<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  opts: Omit<UseQueryOptions<MethodOutput<M>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<MethodOutput<M>, ApiError>({
    queryKey: [method, input],
    queryFn: () => call(method, input),
    ...opts,
  });
}

export function useMutate<M extends MethodName>(
  method: M,
  opts: Omit<UseMutationOptions<MethodOutput<M>, ApiError, MethodInput<M>>, 'mutationFn'> = {},
) {
  return useMutation<MethodOutput<M>, ApiError, MethodInput<M>>({
    mutationFn: (input) => call(method, input),
    ...opts,
  });
}

/** Which query methods a topic's change makes stale, beyond those named after the topic. */
const ALSO: Record<string, string[]> = {
  workOrders: ['vehicles', 'customers', 'search', 'archive', 'reports'],
  stock: ['parts', 'reports'],
  parts: ['stock'],
  archive: ['workOrders'],
  vehicles: ['customers', 'search'],
  customers: ['vehicles', 'search'],
  shop: ['archive'],
  users: ['auth', 'lan'],
  auth: ['users'],
};

/** Subscribe once, at the root, to the core's pushes. */
export function useLiveInvalidation(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      getTransport().subscribe((e) => {
        const areas = new Set(e.topics.flatMap((t) => [t, ...(ALSO[t] ?? [])]));
        void qc.invalidateQueries({
          predicate: (q) => typeof q.queryKey[0] === 'string' && areas.has(q.queryKey[0].split('.')[0]!),
        });
      }),
    [qc],
  );
}
