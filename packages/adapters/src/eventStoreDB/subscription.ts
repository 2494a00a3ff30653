import { START } from '@eventstore/db-client';
import type { AllStreamSubscription, EventStoreDBClient, ResolvedEvent } from '@eventstore/db-client';
import type { Position, SubscribeToAllOptions, Subscription, SubscriptionHandler } from '@tillstream/domain';
import { commitPosition, toStoredEvent } from './codec';
import { storeFailure } from './errors';
import { selects, serverFilter } from './filters';

/** How a subscription comes back after the connection drops. */
export interface ResubscribeOptions {
  /** Consecutive failed attempts before giving up with `onError`. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** Defaults: about a minute of retries with capped exponential back-off. */
export const DEFAULT_RESUBSCRIBE: ResubscribeOptions = {
  maxAttempts: 30,
  initialDelayMs: 50,
  maxDelayMs: 2000,
};

type Ending = { readonly kind: 'stopped' } | { readonly kind: 'dropped'; readonly error: unknown };

// Errors after which the same subscription can simply be opened again.
const isTransient = (error: unknown): boolean => {
  const type = (error as { type?: unknown } | null)?.type;
  return type === undefined || type === 'unavailable' || type === 'cancelled' || type === 'deadline-exceeded';
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows `$all` through the client, one handler call at a time. After a drop it subscribes
 * again after the last position it handled, so nothing is lost; positions at or before that
 * one are dropped, so nothing is delivered twice.
 */
export const followAll = (
  client: EventStoreDBClient,
  options: SubscribeToAllOptions,
  handler: SubscriptionHandler,
  resubscribe: ResubscribeOptions = DEFAULT_RESUBSCRIBE,
): Subscription => {
  let active = true;
  let last: Position | undefined = options.after;
  let caughtUpReported = false;
  let current: AllStreamSubscription | undefined;
  let wake: (() => void) | undefined;
  const filter = serverFilter(options.filter);

  const reportCaughtUp = (): void => {
    if (caughtUpReported) return;
    caughtUpReported = true;
    handler.onCaughtUp?.();
  };

  const handle = async (resolved: ResolvedEvent): Promise<void> => {
    const position = commitPosition(resolved);
    if (position === undefined || (last !== undefined && position <= last)) return;
    if (selects(options.filter, resolved)) await handler.onEvent(toStoredEvent(resolved));
    last = position;
  };

  // Pulls with read() rather than `for await`, so the count of events taken is exact when the
  // client emits `caughtUp` and onCaughtUp can run after exactly the events before it.
  const consume = async (subscription: AllStreamSubscription, onProgress: () => void): Promise<Ending> => {
    let ending: Ending | undefined;
    let pulled = 0;
    let handled = 0;
    let caughtUpAt: number | undefined;
    const notify = (): void => {
      const resume = wake;
      wake = undefined;
      resume?.();
    };
    const maybeCaughtUp = (): void => {
      if (caughtUpAt !== undefined && handled >= caughtUpAt) reportCaughtUp();
    };
    subscription.on('readable', notify);
    subscription.on('confirmation', onProgress);
    subscription.on('caughtUp', () => {
      onProgress();
      caughtUpAt = pulled + subscription.readableLength;
      maybeCaughtUp();
    });
    subscription.on('error', (error: unknown) => {
      ending ??= { kind: 'dropped', error };
      notify();
    });
    subscription.on('close', () => {
      ending ??= { kind: 'dropped', error: new Error('subscription closed by the server') };
      notify();
    });
    for (;;) {
      if (!active) return { kind: 'stopped' };
      const resolved = subscription.read() as ResolvedEvent | null;
      if (resolved !== null) {
        pulled++;
        onProgress();
        await handle(resolved);
        handled++;
        maybeCaughtUp();
        continue;
      }
      if (ending) return ending;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };

  const run = async (): Promise<void> => {
    let attempts = 0;
    while (active) {
      const fromPosition = last === undefined ? START : { commit: last, prepare: last };
      const subscription = client.subscribeToAll({ fromPosition, filter });
      current = subscription;
      const ending = await consume(subscription, () => {
        attempts = 0;
      });
      current = undefined;
      void subscription.unsubscribe().catch(() => undefined);
      if (ending.kind === 'stopped' || !active) return;
      attempts++;
      if (!isTransient(ending.error) || attempts > resubscribe.maxAttempts) {
        throw storeFailure('following $all', ending.error, { after: last, attempts });
      }
      await sleep(Math.min(resubscribe.maxDelayMs, resubscribe.initialDelayMs * 2 ** (attempts - 1)));
    }
  };

  const done = run().then(
    () => undefined,
    (error: unknown) => {
      active = false;
      handler.onError?.(error instanceof Error ? error : new Error(String(error)));
    },
  );

  return {
    done,
    unsubscribe: async () => {
      active = false;
      wake?.();
      await current?.unsubscribe().catch(() => undefined);
      await done;
    },
  };
};
