// Asking a person to confirm, on a terminal only; scripts say --yes instead.
import { createInterface } from 'node:readline/promises';

export function canAsk(): boolean {
  return process.stdin.isTTY === true;
}

/** y/yes (or はい) confirms; anything else, Enter or Ctrl-D declines. The question goes to stderr. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.on('close', () => resolve(''));
      rl.question(`${question} `).then(resolve, () => resolve(''));
    });
    return /^(y|yes|はい)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
