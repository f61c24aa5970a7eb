import type { ConsumerInfo, WelcomePayload } from '@mediation/shared';
import { ServerEvent } from '@mediation/shared';
import { HeadlessParticipant } from '../../test/support/headless-participant.js';

/** What the service sends in a join, recorded from a real one, for the bare Socket.IO baseline. */
export interface JoinFrames {
  welcome: WelcomePayload;
  draftingState: unknown;
  signingState: unknown;
  consumers: Record<'audio' | 'video', ConsumerInfo>;
  tokenLength: number;
}

type Job = { token: string; roomId: string };

/** Two participants of one room join the running service with the whole signalling; the first one's frames are kept. */
export async function recordJoinFrames(serviceUrl: string, [first, second]: [Job, Job]): Promise<JoinFrames> {
  const pushed = new Map<string, unknown>();
  const recorder = await HeadlessParticipant.connect(serviceUrl, first, (event, payload) => pushed.set(event, payload));
  await recorder.joinWithMedia();
  const other = await HeadlessParticipant.connect(serviceUrl, second);
  await other.joinWithMedia();
  await recorder.waitFor(() => recorder.consumers.size === 2 && pushed.has(ServerEvent.draftingState) && pushed.has(ServerEvent.signingState));
  const consumers = [...recorder.consumers.values()];
  recorder.close();
  other.close();
  return {
    welcome: recorder.welcome,
    draftingState: pushed.get(ServerEvent.draftingState),
    signingState: pushed.get(ServerEvent.signingState),
    consumers: { audio: consumers.find((c) => c.kind === 'audio')!, video: consumers.find((c) => c.kind === 'video')! },
    tokenLength: first.token.length,
  };
}
