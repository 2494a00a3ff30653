import { randomUUID } from 'node:crypto';
import type { Log, ProposedEvent } from './log';
import { publish, writeEvents } from './log';

const systemEvent = (type: string, data: unknown): ProposedEvent => ({
  eventId: randomUUID(),
  type,
  contentType: 'application/json',
  data: Buffer.from(JSON.stringify(data), 'utf8'),
  customMetadata: new Uint8Array(0),
});

// What a fresh single node writes before any client connects (abridged): the epoch record,
// which `$all` reads leave out, and the default users and settings.
const SEED: readonly (readonly [stream: string, event: ProposedEvent])[] = [
  ['$epoch-information', systemEvent('$epoch-information', { epochNumber: 0 })],
  [
    '$user-admin',
    systemEvent('$user', { loginName: 'admin', fullName: 'Event Store Administrator', groups: ['$admins'] }),
  ],
  ['$users', systemEvent('$UserCreated', 'admin')],
  [
    '$user-ops',
    systemEvent('$user', { loginName: 'ops', fullName: 'Event Store Operations', groups: ['$ops'] }),
  ],
  ['$users', systemEvent('$UserCreated', 'ops')],
  ['$settings', systemEvent('$settings', { $userStreamAcl: { $r: '$all', $w: '$all' } })],
];

/** Writes the system events a fresh node holds. */
export const seedSystemEvents = (log: Log): void => {
  for (const [stream, event] of SEED) publish(log, writeEvents(log, stream, [event]));
};
