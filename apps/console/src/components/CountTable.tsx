/** Findings counted by row (a rule, a month) and column (a severity, a status), with each row's total when asked. */
export function CountTable({
  caption,
  rowHeader,
  rows,
  columns,
  count,
  total,
  testId,
}: {
  caption: string;
  rowHeader: string;
  rows: readonly string[];
  columns: ReadonlyArray<readonly [key: string, label: string]>;
  count: (row: string, column: string) => number;
  total?: (row: string) => number;
  testId?: string;
}) {
  return (
    <table className="counts" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          {columns.map(([key, label]) => (
            <th key={key} scope="col">
              {label}
            </th>
          ))}
          {total && <th scope="col">合计</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {columns.map(([key]) => (
              <td key={key}>{count(row, key) || ''}</td>
            ))}
            {total && <td>{total(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
