/** A plate as the shop reads it: the number, its colour as a small tag, or 暂无牌照. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PLATE_COLOR_LABEL, type PlateColor } from '../../../shared/domain/enums.js';
import { pick } from '../../i18n/index.js';

const TAG_COLOR: Record<PlateColor, string> = {
  blue: 'blue',
  yellow: 'gold',
  green: 'green',
  gradient_green: 'cyan',
  yellow_green: 'lime',
  white: 'default',
  black: 'default',
};

export function PlateText({
  plate,
  color,
  unplated,
}: {
  plate: string | null;
  color?: PlateColor | null;
  unplated?: boolean;
}) {
  const { t } = useTranslation('vehicles');
  if (!plate) return <Tag>{unplated ? t('field.unplated') : '—'}</Tag>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <strong>{plate}</strong>
      {color ? (
        <Tag color={TAG_COLOR[color]} style={{ marginInlineStart: 6 }}>
          {pick(PLATE_COLOR_LABEL[color])}
        </Tag>
      ) : null}
    </span>
  );
}
