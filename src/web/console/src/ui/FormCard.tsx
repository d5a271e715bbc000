// The small form at the top of an admin list that adds one record (a user, a key, a number, a
// webhook): a card with a heading, its fields in a row (or stacked), and the one button that submits,
// disabled while it runs or until the form can be sent.
import { useId, type FormEvent, type ReactNode } from 'react';

export function FormCard({ title, submitLabel, canSubmit, busy, onSubmit, stacked, children }: {
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  busy: boolean;
  onSubmit(): void | Promise<void>;
  /** Fields one under the other (long ones such as a URL and a list of checkboxes). */
  stacked?: boolean;
  children: ReactNode;
}) {
  const titleId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit();
  };
  const button = (
    <button type="submit" className="primary" disabled={busy || !canSubmit}>
      {submitLabel}
    </button>
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {stacked ? (
        <>
          {children}
          {button}
        </>
      ) : (
        <div className="row wrap">
          {children}
          {button}
        </div>
      )}
    </form>
  );
}
