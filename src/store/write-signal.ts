// Every write statement a store runs, told to whoever listens in the same process (the page cache), after it
// ran: an autocommit has committed by then. A plugin on the store's Kysely instance, so transactions carry it.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** The table a write statement writes to, or null for a read (or a statement it cannot tell). */
export function writtenTable(node: RootOperationNode): string | null {
  const n = node as unknown as Record<string, unknown> & { kind: string };
  let target: unknown = null;
  if (n.kind === 'InsertQueryNode') target = n.into;
  else if (n.kind === 'UpdateQueryNode') target = n.table;
  else if (n.kind === 'DeleteQueryNode') target = (n.from as { froms?: unknown[] } | undefined)?.froms?.[0];
  else if (n.kind === 'RawNode') {
    const text = ((n.sqlFragments as string[] | undefined) ?? []).join(' ');
    const match = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?([a-z_][a-z0-9_]*)"?/i.exec(text);
    return match ? match[1].toLowerCase() : null;
  } else return null;
  const table = (target as { kind?: string; node?: unknown } | null)?.kind === 'AliasNode' ? (target as { node: unknown }).node : target;
  const name = (table as { kind?: string; table?: { identifier?: { name?: string } } } | null)?.table?.identifier?.name;
  return typeof name === 'string' ? name : null;
}

export class WriteSignal implements KyselyPlugin {
  private readonly pending = new WeakMap<object, string>();
  private readonly listeners = new Set<(table: string) => void>();

  /** Calls `listener` with the table of each write; returns the way to stop. */
  subscribe(listener: (table: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(args.node);
    if (table) this.pending.set(args.queryId, table);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const table = this.pending.get(args.queryId);
    if (table) {
      this.pending.delete(args.queryId);
      for (const listener of this.listeners) listener(table);
    }
    return args.result;
  }
}

