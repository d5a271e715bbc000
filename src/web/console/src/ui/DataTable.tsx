// A table of records the way the console shows lists (users, keys, routes, logs …): headings, one row
// per record, numbers aligned right, and a line of its own when there is nothing to show. Each screen
// says only what its columns are.
import type { Key, ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  /** A number: heading and cells align right. */
  num?: boolean;
  /** Classes of this column's cells ('nowrap', 'small break', 'row' for a group of buttons …). */
  className?: string;
  /** The cells name their row (`<th scope="row">`), as the first column of a summary does. */
  rowHeader?: boolean;
}

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

export function DataTable<T>({ rows, columns, rowKey, rowClassName, empty, className, caption }: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): Key;
  rowClassName?(row: T): string | undefined;
  /** Shown instead of an empty table; without it an empty table keeps its headings. */
  empty?: ReactNode;
  className?: string;
  /** Read by screen readers only: what the table lists. */
  caption?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="empty">{empty}</p>;
  return (
    <table className={classes('table', className)}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={classes(c.num && 'num')}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)}>
            {columns.map((c, i) =>
              c.rowHeader ? (
                <th key={i} scope="row" className={classes(c.num && 'num', c.className)}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={i} className={classes(c.num && 'num', c.className)}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
