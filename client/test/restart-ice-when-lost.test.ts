import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { types as mediasoupTypes } from 'mediasoup-client';
import { restartIceWhenLost } from '../src/room/restart-ice-when-lost';
import type { RoomSocket } from '../src/room/room-socket';

const NEW_ICE = { usernameFragment: 'new-ufrag', password: 'new-password', iceLite: true };

function fakes() {
  const listeners: ((state: string) => void)[] = [];
  const transport = {
    id: 'transport-1',
    closed: false,
    restartIce: vi.fn(async () => undefined),
    on: (_event: string, listener: (state: string) => void) => listeners.push(listener),
    emit: (_event: string, state: string) => listeners.forEach((listener) => listener(state)),
  };
  const asked: unknown[] = [];
  const socket = {
    connected: true,
    timeout: () => ({
      emit: (event: string, payload: unknown, ack: (error: Error | null, response: unknown) => void) => {
        asked.push([event, payload]);
        ack(null, { ok: true, data: { iceParameters: NEW_ICE } });
      },
    }),
  };
  restartIceWhenLost(socket as unknown as RoomSocket, transport as unknown as mediasoupTypes.Transport);
  return { transport, asked };
}

describe('restarting ICE when a transport loses its path', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the server for new credentials and restarts ICE with them when the path fails', async () => {
    const { transport, asked } = fakes();
    transport.emit('connectionstatechange', 'failed');
    await vi.advanceTimersByTimeAsync(100);
    expect(asked).toEqual([['media:restart-ice', { transportId: 'transport-1' }]]);
    expect(transport.restartIce).toHaveBeenCalledWith({ iceParameters: NEW_ICE });
    transport.emit('connectionstatechange', 'connected');
    await vi.runAllTimersAsync();
    expect(transport.restartIce).toHaveBeenCalledTimes(1);
  });

  it('restarts again every few seconds until connected, a bounded number of times', async () => {
    const { transport } = fakes();
    transport.emit('connectionstatechange', 'failed');
    transport.emit('connectionstatechange', 'connecting');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(transport.restartIce).toHaveBeenCalledTimes(3);
    transport.emit('connectionstatechange', 'connected');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport.restartIce).toHaveBeenCalledTimes(3);

    // Never connected again: it gives up, leaving the socket's reconnection to rebuild everything.
    transport.emit('connectionstatechange', 'failed');
    await vi.runAllTimersAsync();
    expect(transport.restartIce).toHaveBeenCalledTimes(3 + 8);
  });

  it('waits a moment on a disconnected path, and does nothing if it comes back by itself', async () => {
    const { transport, asked } = fakes();
    transport.emit('connectionstatechange', 'disconnected');
    await vi.advanceTimersByTimeAsync(500);
    transport.emit('connectionstatechange', 'connected');
    await vi.runAllTimersAsync();
    expect(asked).toEqual([]);

    transport.emit('connectionstatechange', 'disconnected');
    await vi.advanceTimersByTimeAsync(2_100);
    expect(transport.restartIce).toHaveBeenCalledTimes(1);
  });
});
