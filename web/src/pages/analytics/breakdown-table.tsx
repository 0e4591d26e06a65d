import type { CallStats } from '../../api/types.js';

type Breakdown = CallStats['intents'];

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Labels and counts of a breakdown, the "none" and "others" rows named for people. */
export function breakdownRows(breakdown: Breakdown, none: string) {
  const rows = breakdown.top.map((entry) => ({ label: entry.value ?? none, calls: entry.calls, share: entry.share }));
  if (breakdown.others.calls > 0) {
    rows.push({ label: `${breakdown.others.values} other values`, calls: breakdown.others.calls, share: breakdown.others.share });
  }
  return rows;
}

export function BreakdownTable({ caption, column, rows }: { caption: string; column: string; rows: ReturnType<typeof breakdownRows> }) {
  return (
    <table className="compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col" className="number">
            Calls
          </th>
          <th scope="col" className="number">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="number">{row.calls}</td>
            <td className="number">{percent(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
