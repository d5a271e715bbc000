// A labelled input and a labelled choice: the label wraps its control (so it names it for screen
// readers and a click on the words focuses it), and `grow` lets a field take the free width of its row.
import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

export function TextField({ label, value, onChange, grow, ...input }: { label: ReactNode; value: string; onChange(value: string): void; grow?: boolean } & InputProps) {
  return (
    <label className={grow ? 'grow' : undefined}>
      {label}
      <input {...input} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** The `<option>`s of a closed set of values, each with the words people read for it. */
export function Options<V extends string>({ values, label }: { values: readonly V[]; label(value: V): string }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}

export function SelectField<V extends string>({ label, value, onChange, values, optionLabel, grow, disabled }: {
  label: ReactNode;
  value: V;
  onChange(value: NoInfer<V>): void;
  values: readonly V[];
  optionLabel(value: V): string;
  grow?: boolean;
  disabled?: boolean;
}) {
  return (
    <label className={grow ? 'grow' : undefined}>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as V)} disabled={disabled}>
        <Options values={values} label={optionLabel} />
      </select>
    </label>
  );
}
