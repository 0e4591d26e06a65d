import { callBody } from './fixtures.js';

export interface WriteStream {
  /** externalId → call id, for every write answered 200 or 201. */
  acknowledged: Map<string, string>;
  /** Statuses of writes refused with an answer (503 while the database is away, say). */
  refused: number[];
  /** Writes that got no answer at all: the connection failed. */
  unanswered: number;
  stop(): Promise<void>;
}

/**
 * Several clients posting calls back to back, each with an external id of its own, recording
 * what the server acknowledged. A client whose connection fails stops unless told to go on.
 */
export function streamWrites(
  url: string,
  key: string,
  organizationId: string,
  options: { writers: number; prefix: string; keepGoing?: boolean },
): WriteStream {
  const stream: WriteStream = { acknowledged: new Map(), refused: [], unanswered: 0, stop: async () => undefined };
  let running = true;
  const writer = async (index: number) => {
    for (let n = 0; running; n += 1) {
      const externalId = `${options.prefix}-${index}-${n}`;
      try {
        const response = await fetch(`${url}/api/calls`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(callBody({ organizationId, externalId, transcript: `Call ${externalId}` })),
        });
        const body = (await response.json()) as { id?: string };
        if (response.status === 200 || response.status === 201) stream.acknowledged.set(externalId, body.id!);
        else stream.refused.push(response.status);
      } catch {
        stream.unanswered += 1;
        if (options.keepGoing !== true) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const writers = Array.from({ length: options.writers }, (_, index) => writer(index));
  stream.stop = async () => {
    running = false;
    await Promise.all(writers);
  };
  return stream;
}

export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
