import type { Tillstream } from '@tillstream/domain';
import type { CustomerSearch, OrderBoard, ProjectionRunner } from '@tillstream/projections';

/** What the routes use: the library, and the read models the runners keep up to date. */
export interface ServerDeps {
  readonly till: Tillstream;
  readonly search: ProjectionRunner<CustomerSearch>;
  readonly board: ProjectionRunner<OrderBoard>;
}
