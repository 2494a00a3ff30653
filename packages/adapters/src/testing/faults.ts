/** Faults a test can arm on the server; each handler consults them at its critical point. */
export interface Faults {
  /** Appends still to commit and then lose their reply, with every connection dropped. */
  dropAfterCommit: number;
  /** Drops every connection; set by the server once it listens. */
  dropConnections: () => void;
}

/** No faults armed. */
export const createFaults = (): Faults => ({ dropAfterCommit: 0, dropConnections: () => undefined });

/** True when this commit's reply must be lost: the connections are dropped before it is sent. */
export const loseReplyAfterCommit = (faults: Faults): boolean => {
  if (faults.dropAfterCommit <= 0) return false;
  faults.dropAfterCommit--;
  faults.dropConnections();
  return true;
};
