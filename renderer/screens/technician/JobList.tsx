/**
 * The technician's open jobs (workOrders.list filtered by technicianId on the server), grouped by
 * what to do next: in repair first, then to start, then done and awaiting settlement. Sorted by
 * promised time within a group so the most urgent car is on top.
 */
import { Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { JobCard } from './JobCard.js';
import type { UserT } from './WhoAmI.js';

const GROUPS = ['in_progress', 'received', 'completed'] as const;

export function JobList({ me }: { me: UserT }) {
  const { t } = useTranslation('technician');
  const { data, error, isLoading } = useCall(
    'workOrders.list',
    { technicianId: me.id, statuses: [...GROUPS], sort: 'promised_asc', limit: 100, offset: 0 },
    // Someone else (the desk, another technician) may move a job: keep the phone current.
    { refetchInterval: 60_000 },
  );

  if (isLoading) return <Skeleton active />;
  const jobs = data?.items ?? [];
  return (
    <div data-testid="tech-jobs">
      <ErrorAlert error={error} />
      {jobs.length === 0 ? (
        <Empty style={{ marginTop: 48 }} description={t('noJobs')} />
      ) : (
        GROUPS.map((g) => {
          const inGroup = jobs.filter((j) => j.status === g);
          if (inGroup.length === 0) return null;
          return (
            <section key={g} data-testid={`tech-group-${g}`} style={{ marginBottom: 16 }}>
              <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
                {t(`group.${g}`)} · {inGroup.length}
              </Typography.Title>
              <Flex vertical gap={12}>
                {inGroup.map((j) => (
                  <JobCard key={j.id} job={j} />
                ))}
              </Flex>
            </section>
          );
        })
      )}
    </div>
  );
}
