import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { CaseDrafting } from './case-drafting.js';
import type { DraftingMember, SendToGroup } from './drafting-member.js';

/**
 * The cases being drafted in this process. A case is loaded when its first member
 * arrives and released (documents snapshotted, memory freed) when its last one leaves.
 */
export class DraftingRegistry {
  private readonly cases = new Map<string, Promise<CaseDrafting>>();
  /** Cases whose documents are being written and freed now. */
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly sendToGroup: SendToGroup,
    private readonly logger: Logger,
  ) {}

  async attach(caseId: string, member: DraftingMember): Promise<CaseDrafting> {
    for (;;) {
      let loading = this.cases.get(caseId);
      const releasing = this.releasing.get(caseId);
      if (!loading && releasing) {
        // The case's last copy is still writing its snapshot: the next one loads after it.
        await releasing;
        continue;
      }
      if (!loading) {
        loading = CaseDrafting.load(caseId, this.store, this.sendToGroup, this.logger.child({ case: caseId }));
        this.cases.set(caseId, loading);
        loading.catch(() => this.cases.delete(caseId));
      }
      const drafting = await loading;
      if (drafting.released) {
        await drafting.release();
        continue;
      }
      drafting.members.add(member);
      return drafting;
    }
  }

  detach(drafting: CaseDrafting, member: DraftingMember): Promise<void> {
    drafting.leave(member);
    if (drafting.members.size > 0 || drafting.released) return Promise.resolve();
    this.cases.delete(drafting.caseId);
    const released = drafting.release();
    this.releasing.set(drafting.caseId, released);
    void released.finally(() => {
      if (this.releasing.get(drafting.caseId) === released) this.releasing.delete(drafting.caseId);
    });
    return released;
  }

  /** Cases with documents in memory now. */
  get size(): number {
    return this.cases.size;
  }

  async releaseAll(): Promise<void> {
    const all = [...this.cases.values()];
    this.cases.clear();
    await Promise.all(all.map(async (loading) => (await loading).release()));
  }
}
