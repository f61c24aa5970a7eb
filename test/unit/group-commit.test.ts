import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../server/src/store/sqlite/group-commit.js';

describe('group commit', () => {
  it('commits the writes of one turn together, each answered with its own result', async () => {
    const groups: number[][] = [];
    const write = groupCommit(
      (items: number[]) => {
        groups.push(items);
        return items.map((n) => n * 10);
      },
      () => {
        throw new Error('not expected alone');
      },
    );
    const first = [write(1), write(2), write(3)];
    await nextTurn();
    const second = write(4);
    expect(await Promise.all(first)).toEqual([10, 20, 30]);
    expect(await second).toBe(40);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('answers nothing before the commit', async () => {
    let committed = false;
    const write = groupCommit(
      (items: string[]) => {
        committed = true;
        return items;
      },
      (item) => item,
    );
    let answered = false;
    const written = write('a').then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);
    expect(committed).toBe(false);
    await written;
    expect(committed).toBe(true);
  });

  it('fails only the bad write when its group’s transaction fails', async () => {
    const committedAlone: number[] = [];
    const write = groupCommit(
      (items: number[]) => {
        if (items.includes(-1)) throw new Error('constraint failed');
        return items;
      },
      (item) => {
        if (item < 0) throw new Error('constraint failed');
        committedAlone.push(item);
        return item;
      },
    );
    const results = await Promise.allSettled([write(1), write(-1), write(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedAlone).toEqual([1, 2]);
  });

  it('commits what is queued when flushed, without waiting for the turn to end', async () => {
    const write = groupCommit((items: number[]) => items, (item) => item);
    let answered = false;
    const written = write(7).then(() => (answered = true));
    write.flush();
    await Promise.resolve();
    await Promise.resolve();
    expect(answered).toBe(true);
    await written;
  });
});
