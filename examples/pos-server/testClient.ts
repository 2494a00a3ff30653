import type { FastifyInstance } from 'fastify';

/** Headers of an operator of shop "cafe"; override any. */
export const staff = (more: Record<string, string> = {}): Record<string, string> => ({
  'x-tenant-id': 'cafe',
  'x-actor-role': 'operator',
  'x-actor-id': 'kasia',
  ...more,
});

/** A JSON response: status and parsed body. */
export interface Reply {
  readonly status: number;
  // Responses are read by tests as loose JSON.
  readonly body: Record<string, unknown> & { readonly code?: string; readonly message?: string };
}

/** Sends a request through `inject` (no socket) and parses the JSON reply. */
export const call = async (
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = staff(),
): Promise<Reply> => {
  const response = await app.inject({
    method,
    url,
    headers,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() };
};

/** Reads a Server-Sent Events stream until `until` holds for the text received so far. */
export const readEvents = async (
  url: string,
  headers: Record<string, string>,
  until: (text: string) => boolean,
  started: () => Promise<void> = async () => undefined,
): Promise<string> => {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  if (response.body === null) throw new Error('no event stream');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let kicked = false;
  try {
    while (!until(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      // Act only once the snapshot arrived: the feed is following by then.
      if (!kicked && text.includes('event: snapshot')) {
        kicked = true;
        await started();
      }
    }
    return text;
  } finally {
    abort.abort();
  }
};
