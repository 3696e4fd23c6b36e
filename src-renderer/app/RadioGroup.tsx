/**
 * A row of buttons of which one is chosen (ARIA radiogroup): the estimation method, a column's type,
 * the df and the F tests of an nlme table. The chosen button has the class `on`.
 */
export interface RadioOption<T extends string> {
  value: T;
  label: string;
  title?: string;
  testId?: string;
  disabled?: boolean;
}

export function RadioGroup<T extends string>({
  label,
  options,
  value,
  onChange,
  className = 'segmented',
  optionClass,
}: {
  /** the group's accessible name */
  label: string;
  options: readonly RadioOption<T>[];
  /** the chosen option's value (none chosen: undefined) */
  value: T | undefined;
  onChange: (value: T) => void;
  className?: string;
  /** every button's class, before `on` */
  optionClass?: string;
}) {
  return (
    <div className={className} role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          className={[optionClass, o.value === value ? 'on' : ''].filter(Boolean).join(' ')}
          title={o.title}
          data-testid={o.testId}
          disabled={o.disabled}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
