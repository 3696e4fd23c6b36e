/** A column header: name, type badge, ƒ for a computed column, missing count, and the button that opens the column menu. */
import type { CustomHeaderProps } from 'ag-grid-react';
import type { ColumnInfo } from '../../src-main/api/contract';

export interface ColumnHeaderParams {
  info: ColumnInfo;
  onMenu: (column: string, anchor: DOMRect) => void;
}

const BADGE: Record<ColumnInfo['type'], string> = { numeric: 'num', factor: 'fct', logical: 'lgl', text: 'txt' };

export function ColumnHeader(props: CustomHeaderProps & ColumnHeaderParams) {
  const { info, onMenu } = props;
  const title =
    `${info.name}: ${info.type}` +
    (info.type === 'factor' ? ` with ${info.levels.length} levels (reference ${info.levels[0] ?? '—'})` : '') +
    (info.missing ? `, ${info.missing} missing` : '') +
    (info.definition !== undefined ? `\ncomputed: ${info.definition}` : '');
  return (
    <div className="col-head" title={title}>
      <span className={`type-badge t-${info.type}`}>{BADGE[info.type]}</span>
      <span className="col-name">{info.name}</span>
      {info.definition !== undefined && (
        <span className="col-computed" aria-label={`computed as ${info.definition}`} data-testid={`computed-${info.name}`}>
          ƒ
        </span>
      )}
      {info.missing > 0 && <span className="col-missing">{info.missing} NA</span>}
      <button
        type="button"
        className="col-menu-btn"
        aria-label={`Column menu for ${info.name}`}
        data-testid={`colmenu-${info.name}`}
        onClick={(e) => {
          e.stopPropagation();
          onMenu(info.name, e.currentTarget.getBoundingClientRect());
        }}
      >
        ▾
      </button>
    </div>
  );
}
