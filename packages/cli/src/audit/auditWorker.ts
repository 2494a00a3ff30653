// The entry of a worker thread of `auditJsonlFile`: audits one shard of a file and posts what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { auditShard } from './auditShard';
import { packOrders } from './packedOrders';
import { shardFailure, type ShardTask } from './shardMessage';

const task = workerData as ShardTask;
auditShard(task.path, task.shard, task.options, task.stop).then(
  // As JSON: a structured clone of a part took longer to rebuild on the main thread than JSON.parse of
  // it, and the stringify is the worker's time. Its orders (most of it) are packed instead.
  ({ orders, ...rest }) => {
    const packed = packOrders(orders);
    parentPort?.postMessage({ part: JSON.stringify(rest), orders: packed }, [packed.numbers.buffer]);
  },
  (error: unknown) => parentPort?.postMessage({ failure: shardFailure(error) }),
);
