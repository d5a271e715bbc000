// A place in a template source, the unit every lint finding points with (kept apart so the scanners
// and the rule vocabulary can both use it without importing each other).

/** Offsets into the template source in UTF-16 code units, end exclusive (String.prototype.slice). */
export interface Span {
  start: number;
  end: number;
}
