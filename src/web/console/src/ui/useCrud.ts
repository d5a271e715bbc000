// A list an admin screen edits: what useLoad keeps (the records, reload) plus one useAction for the
// changes, so that every create, update and delete runs the same way: ask first when it cannot be
// undone, show the server's refusal, and read the list again after a change that went through.
import { useAction, useLoad } from './useLoad.ts';

export function useCrud<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const list = useLoad(load, deps);
  const action = useAction();
  /**
   * Runs a change and reloads the list when it succeeded. With `confirm`, the person is asked first.
   * Resolves with the server's answer, or undefined when it was refused or not confirmed.
   */
  const change = async <R>(run: () => Promise<R>, confirm?: string): Promise<R | undefined> => {
    if (confirm !== undefined && !window.confirm(confirm)) return undefined;
    let done = false;
    const answer = await action.run(async () => {
      const r = await run();
      done = true;
      return r;
    });
    if (done) await list.reload();
    return answer;
  };
  // `run` is for an action that changes nothing listed (a connection test): same busy and error.
  return { list, change, run: action.run, busy: action.busy, error: action.error ?? list.error, actionError: action.error, setError: action.setError };
}
