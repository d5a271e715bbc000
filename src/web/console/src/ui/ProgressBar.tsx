// A progress bar with its figure in words (the <progress> element is announced by screen readers).
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div className="progress">
      <progress max={100} value={pct} aria-label={label} />
      <span className="progress-figure">
        {label} {pct}%
      </span>
    </div>
  );
}
