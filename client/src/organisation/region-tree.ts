import type { RegionSummary } from '@mediation/shared';

export interface RegionNode {
  region: RegionSummary;
  children: RegionNode[];
}

/**
 * The tree of the regions an administrator sees, from the flat list the server gives (by
 * path). The tops are the regions whose parent is not in the list: the administrator's own.
 */
export function buildRegionTree(regions: readonly RegionSummary[]): RegionNode[] {
  const nodes = new Map(regions.map((region) => [region.id, { region, children: [] as RegionNode[] }]));
  const tops: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.region.parentId === null ? undefined : nodes.get(node.region.parentId);
    (parent ? parent.children : tops).push(node);
  }
  const byName = (a: RegionNode, b: RegionNode) => a.region.name.localeCompare(b.region.name, 'zh-CN');
  for (const node of nodes.values()) node.children.sort(byName);
  return tops.sort(byName);
}

/**
 * A region named with the regions above it that the administrator sees ("示范市 › 示范县"),
 * so two townships of the same name in different counties are told apart in a list.
 */
export function regionTrail(region: RegionSummary, regionsById: ReadonlyMap<string, RegionSummary>): string {
  const names = [region.name];
  for (let parent = regionsById.get(region.parentId ?? ''); parent; parent = regionsById.get(parent.parentId ?? '')) names.unshift(parent.name);
  return names.join(' › ');
}
