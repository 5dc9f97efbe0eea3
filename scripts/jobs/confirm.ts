import { createInterface } from 'node:readline/promises';

export type Confirmation = 'yes' | 'no' | 'no terminal';

/**
 * Asks the operator to type "yes" (anything else, Ctrl-C or end of input declines). A bulk delete or a whole server's
 * deactivation is never started by a stray Enter, nor by a pipe: without a terminal on stdin nobody is asked.
 * The question goes to stderr, so that stdout keeps only the plan.
 */
export async function confirm(question: string, input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<Confirmation> {
  if (!input.isTTY) return 'no terminal';
  const prompt = createInterface({ input, output });
  try {
    const interrupted = new Promise<string>((resolve) => {
      prompt.once('SIGINT', () => resolve(''));
      prompt.once('close', () => resolve(''));
    });
    const asked = prompt.question(`${question} Type yes to start: `);
    // Closing the prompt rejects a question still open: the answer is then the interruption's.
    asked.catch(() => undefined);
    const answer = await Promise.race([asked, interrupted]);
    return answer.trim().toLowerCase() === 'yes' ? 'yes' : 'no';
  } finally {
    prompt.close();
  }
}
