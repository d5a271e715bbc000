// Parsers for option and argument values, so a bad value fails before anything is sent.
import { InvalidArgumentError } from 'commander';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('1以上の整数を指定してください / expected a positive integer');
  return n;
}
