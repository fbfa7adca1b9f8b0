/** A record's problems, each with the field it is about and a link to where it is fixed. */
import { ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Issue } from '../../../shared/domain/issue.js';
import { pick } from '../../i18n/index.js';
import { issueTarget } from './issueField.js';

export function IssueList({ issues, workOrderId }: { issues: Issue[]; workOrderId: string }) {
  const { t } = useTranslation('archive');
  if (issues.length === 0) return null;
  return (
    <Flex vertical gap={4} data-testid="archive-issues">
      {issues.map((issue) => {
        const target = issueTarget(issue, workOrderId);
        const fieldLabel = target.key ? t(`fields.${target.key}`, { defaultValue: issue.field ?? '' }) : null;
        return (
          <Flex key={`${issue.code}:${issue.field ?? ''}`} gap={8} align="baseline" wrap data-testid="archive-issue">
            {issue.severity === 'error' ? (
              <ExclamationCircleOutlined style={{ color: '#cf1322' }} />
            ) : (
              <WarningOutlined style={{ color: '#d48806' }} />
            )}
            {fieldLabel ? (
              <Typography.Text strong data-testid="archive-issue-field" data-field={issue.field ?? ''}>
                {target.line ? t('issue.line', { field: fieldLabel, n: target.line }) : fieldLabel}
              </Typography.Text>
            ) : null}
            <Typography.Text
              type={issue.severity === 'error' ? 'danger' : 'warning'}
              style={{ flex: 1, minWidth: 240 }}
            >
              {pick(issue.message)}
            </Typography.Text>
            <Link to={target.fixAt}>{t(`fixAt.${target.fixWhere}`)}</Link>
          </Flex>
        );
      })}
    </Flex>
  );
}
