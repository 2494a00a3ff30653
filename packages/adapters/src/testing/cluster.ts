import { Metadata, status } from '@grpc/grpc-js';
import type {
  sendUnaryData,
  ServerDuplexStream,
  ServerErrorResponse,
  ServerReadableStream,
  ServerUnaryCall,
} from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { uuid } from './converters';

/** Where a node listens. */
export interface NodeEndpoint {
  readonly host: string;
  readonly port: number;
}

/** The part a test server plays in a pretend cluster. */
export interface ClusterRole {
  /** A follower refuses calls sent with `requires-leader`, naming the leader. */
  readonly role: 'leader' | 'follower';
  /** The follower's leader; by default the follower names itself. */
  readonly leader?: NodeEndpoint;
}

/** One node as Gossip describes it. */
export interface ClusterMember extends NodeEndpoint {
  readonly role: 'leader' | 'follower';
}

/** The members a node reports: itself, and its leader when it is a follower that knows one. */
export const clusterMembers = (self: NodeEndpoint, cluster: ClusterRole): readonly ClusterMember[] => [
  { ...self, role: cluster.role },
  ...(cluster.role === 'follower' && cluster.leader !== undefined
    ? [{ ...cluster.leader, role: 'leader' as const }]
    : []),
];

const member = (node: ClusterMember, index: number): MemberInfo =>
  new MemberInfo()
    .setInstanceId(uuid(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`))
    .setTimeStamp(Date.now().toString())
    .setState(node.role === 'leader' ? MemberInfo.VNodeState.LEADER : MemberInfo.VNodeState.FOLLOWER)
    .setIsAlive(true)
    .setHttpEndPoint(new EndPoint().setAddress(node.host).setPort(node.port));

/** `Gossip.Read`: what `esdb+discover://` asks to pick a node. */
export const gossipHandler =
  (members: () => readonly ClusterMember[]) =>
  (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>): void =>
    callback(null, new ClusterInfo().setMembersList(members().map(member)));

/** `NOT_FOUND` with `exception=not-leader` and the leader's endpoint, as EventStoreDB answers on a follower. */
export const notLeaderError = (leader: NodeEndpoint): ServerErrorResponse => {
  const metadata = new Metadata();
  metadata.set('exception', 'not-leader');
  metadata.set('leader-endpoint-host', leader.host);
  metadata.set('leader-endpoint-port', String(leader.port));
  const details = 'Leader info available';
  return Object.assign(new Error(details), { code: status.NOT_FOUND, details, metadata });
};

const wantsLeader = (metadata: Metadata): boolean => metadata.get('requires-leader')[0] === 'true';

/** Wraps a client-streaming handler (Append) so a follower refuses leader-only calls. */
export const leaderOnlyClientStream =
  <Req, Res>(
    leader: () => NodeEndpoint | undefined,
    handler: (call: ServerReadableStream<Req, Res>, callback: sendUnaryData<Res>) => void,
  ) =>
  (call: ServerReadableStream<Req, Res>, callback: sendUnaryData<Res>): void => {
    const refuseFor = leader();
    if (refuseFor !== undefined && wantsLeader(call.metadata)) {
      call.on('data', () => undefined);
      callback(notLeaderError(refuseFor));
      return;
    }
    handler(call, callback);
  };

/** Wraps a bidirectional handler (BatchAppend) so a follower refuses leader-only calls. */
export const leaderOnlyDuplex =
  <Req, Res>(leader: () => NodeEndpoint | undefined, handler: (call: ServerDuplexStream<Req, Res>) => void) =>
  (call: ServerDuplexStream<Req, Res>): void => {
    const refuseFor = leader();
    if (refuseFor !== undefined && wantsLeader(call.metadata)) {
      call.on('data', () => undefined);
      call.emit('error', notLeaderError(refuseFor));
      return;
    }
    handler(call);
  };
