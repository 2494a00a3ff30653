import { parseStreamName, type EventStore, type StoredEvent } from '@tillstream/domain';

/** How to read a store's log. */
export interface ReadAllEventsOptions {
  /** Only this tenant's streams. */
  readonly tenant?: string;
  /** Events per `readAll` page (default 1000). */
  readonly pageSize?: number;
}

/** Whether an event belongs to a tenant: the tenant is the one named by its stream, as the kernel seals it. */
export const belongsToTenant = (event: StoredEvent, tenant: string | undefined): boolean =>
  tenant === undefined || parseStreamName(event.streamName)?.tenantId === tenant;

/** Reads a store's whole log forward, page by page. */
export async function* readAllEvents(
  store: EventStore,
  options: ReadAllEventsOptions = {},
): AsyncGenerator<StoredEvent> {
  const maxCount = options.pageSize ?? 1000;
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount } : { after, maxCount });
    for (const event of page) {
      if (belongsToTenant(event, options.tenant)) yield event;
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < maxCount) return;
    after = last.position;
  }
}
