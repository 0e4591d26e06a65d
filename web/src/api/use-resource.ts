import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { state: 'loading'; data: T | undefined }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: Error; data: T | undefined };

/**
 * Loads what `load` fetches whenever `key` changes, dropping the answers of superseded requests.
 * The previous data stays available while the next loads, so tables do not flash empty.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Resource<T> & { reload(): void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading', data: undefined });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setResource((previous) => ({ state: 'loading', data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ state: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResource((previous) => ({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)), data: previous.data }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `key` says when what it fetches changes.
  }, [key, generation]);

  return { ...resource, reload };
}
