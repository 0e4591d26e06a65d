import { useEffect, useId, useRef, useState } from 'react';
import { DayPicker, type DateRange, type Modifiers } from 'react-day-picker';
import 'react-day-picker/style.css';
import { addDays, dateToDay, dayToDate, formatDay, type Day } from '../time.js';

export interface DayRange {
  from?: Day;
  to?: Day;
}

interface DateRangePickerProps {
  label: string;
  value: DayRange;
  /** Today in the organization's time zone, for the presets. */
  today: Day;
  onChange(range: DayRange): void;
  /** Whether "any date" is a choice; analytics always need a range. */
  clearable?: boolean;
}

const PRESETS = [
  { label: 'Last 7 days', days: 7 },
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
];

const dayButtonFormat = new Intl.DateTimeFormat('en-US', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** A day's name for screen readers that starts with the number shown on the button, as speech input expects. */
function dayButtonLabel(date: Date, modifiers: Modifiers): string {
  const notes = [modifiers.today ? 'today' : '', modifiers.selected ? 'selected' : ''].filter((note) => note !== '');
  return [`${date.getDate()}, ${dayButtonFormat.format(date)}`, ...notes].join(', ');
}

function describe(range: DayRange): string {
  if (range.from === undefined && range.to === undefined) return 'Any date';
  if (range.from !== undefined && range.to !== undefined) {
    return range.from === range.to ? formatDay(range.from) : `${formatDay(range.from)} – ${formatDay(range.to)}`;
  }
  return range.from !== undefined ? `From ${formatDay(range.from)}` : `Until ${formatDay(range.to!)}`;
}

/** A button naming the chosen days that opens a calendar to pick a first and a last day. */
export function DateRangePicker({ label, value, today, onChange, clearable = true }: DateRangePickerProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<DateRange | undefined>();
  const trigger = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const popoverId = useId();

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) trigger.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!popover.current?.contains(target) && !trigger.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const toggle = () => {
    setDraft({ from: value.from === undefined ? undefined : dayToDate(value.from), to: value.to === undefined ? undefined : dayToDate(value.to) });
    setOpen(!open);
  };

  const apply = (range: DayRange) => {
    onChange(range);
    close(true);
  };

  const applyDraft = () => {
    const from = draft?.from === undefined ? undefined : dateToDay(draft.from);
    const to = draft?.to === undefined ? from : dateToDay(draft.to);
    apply({ from, to });
  };

  return (
    <div className="field date-range">
      <span id={labelId} className="label">
        {label}
      </span>
      <button
        ref={trigger}
        type="button"
        className="date-range-trigger"
        aria-labelledby={`${labelId} ${labelId}-value`}
        aria-expanded={open}
        aria-controls={popoverId}
        onClick={toggle}
      >
        <span id={`${labelId}-value`}>{describe(value)}</span>
      </button>
      {open && (
        <div ref={popover} id={popoverId} className="popover" role="dialog" aria-label={`Choose ${label.toLowerCase()}`}>
          <div className="presets">
            {PRESETS.map((preset) => (
              <button key={preset.days} type="button" className="secondary" onClick={() => apply({ from: addDays(today, 1 - preset.days), to: today })}>
                {preset.label}
              </button>
            ))}
          </div>
          <DayPicker
            mode="range"
            selected={draft}
            onSelect={setDraft}
            defaultMonth={draft?.from ?? dayToDate(today)}
            today={dayToDate(today)}
            labels={{ labelDayButton: dayButtonLabel }}
            autoFocus
          />
          <div className="actions">
            {clearable && (
              <button type="button" className="secondary" onClick={() => apply({})}>
                Any date
              </button>
            )}
            <button type="button" className="secondary" onClick={() => close(true)}>
              Cancel
            </button>
            <button type="button" onClick={applyDraft} disabled={draft?.from === undefined}>
              Apply
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
