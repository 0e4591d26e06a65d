import { useMemo } from 'react';
import { callTypes } from '../../../../src/calls/call-vocabulary.js';
import type { CallStats } from '../../api/types.js';
import { ChartCanvas, PALETTE, TYPE_COLOURS } from '../../components/chart.js';
import { daysFrom, formatDay, type Day } from '../../time.js';
import { breakdownRows, BreakdownTable } from './breakdown-table.js';

/** Calls per local day, split by type, every day of the range shown (days without calls as zero). */
export function CallsPerDay({ stats, from, to }: { stats: CallStats; from: Day; to: Day }) {
  const days = useMemo(() => {
    const byDate = new Map(stats.days.map((day) => [day.date, day]));
    return daysFrom(from, to).map((date) => byDate.get(date) ?? { date, calls: 0, byType: { Inbound: 0, Outbound: 0, Web: 0 } });
  }, [stats, from, to]);
  const config = useMemo(
    () => ({
      type: 'bar' as const,
      data: {
        labels: days.map((day) => formatDay(day.date, true)),
        datasets: callTypes.map((type) => ({ label: type, data: days.map((day) => day.byType[type]), backgroundColor: TYPE_COLOURS[type] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false as const,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    [days],
  );
  const busiest = days.reduce((best, day) => (day.calls > best.calls ? day : best), days[0]!);
  return (
    <section className="card wide" aria-labelledby="per-day-heading">
      <h2 id="per-day-heading">Calls per day</h2>
      <ChartCanvas
        config={config}
        label={`Bar chart of calls per day by type, ${days.length} days; the busiest was ${formatDay(busiest.date)} with ${busiest.calls} calls.`}
      />
      <details>
        <summary>Calls per day as a table</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {callTypes.map((type) => (
                <th key={type} scope="col" className="number">
                  {type}
                </th>
              ))}
              <th scope="col" className="number">
                All
              </th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((day) => day.calls > 0)
              .map((day) => (
                <tr key={day.date}>
                  <th scope="row">{formatDay(day.date)}</th>
                  {callTypes.map((type) => (
                    <td key={type} className="number">
                      {day.byType[type]}
                    </td>
                  ))}
                  <td className="number">{day.calls}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/** A breakdown as a doughnut beside its table. */
export function Shares({ title, column, none, breakdown }: { title: string; column: string; none: string; breakdown: CallStats['intents'] }) {
  const rows = useMemo(() => breakdownRows(breakdown, none), [breakdown, none]);
  const config = useMemo(
    () => ({
      type: 'doughnut' as const,
      data: {
        labels: rows.map((row) => row.label),
        datasets: [{ data: rows.map((row) => row.calls), backgroundColor: rows.map((_, index) => PALETTE[index % PALETTE.length]!) }],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false as const, plugins: { legend: { position: 'bottom' as const } } },
    }),
    [rows],
  );
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ChartCanvas config={config} label={`Doughnut chart: ${title.toLowerCase()}; the figures are in the table below.`} />
      <BreakdownTable caption={title} column={column} rows={rows} />
    </section>
  );
}
