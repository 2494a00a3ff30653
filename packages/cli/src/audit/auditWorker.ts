// The entry of a worker thread of `auditJsonlFile`: audits one shard of a file and posts what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { auditShard } from './auditShard';
import { shardFailure, type ShardTask } from './shardMessage';

const task = workerData as ShardTask;
auditShard(task.path, task.shard, task.options).then(
  (part) => parentPort?.postMessage({ part }),
  (error: unknown) => parentPort?.postMessage({ failure: shardFailure(error) }),
);
