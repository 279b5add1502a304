import type { EventEnvelope, Upcaster } from '@oa/core';

/**
 * The upcasters a service reads with: every event leaves the store (readStream, foldStream, the
 * histories) and every consumed event reaches a reaction in its current shape, however old the
 * release that wrote it. What is stored, hashed and published stays as written: the hash chain
 * is verified on that form (readStoredStream, the relay, the audit's ingest), never on this one.
 */
export class UpcasterRegistry {
  static readonly none = new UpcasterRegistry([]);
  private readonly byStep = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      const step = UpcasterRegistry.stepOf(upcaster.type, upcaster.fromVersion);
      // two ways from one version would make the current shape depend on registration order
      if (this.byStep.has(step)) throw new Error(`upcaster ${step} 重复注册 (registered twice)`);
      this.byStep.set(step, upcaster);
    }
  }

  private static stepOf(type: string, fromVersion: number): string {
    return `${type}@${fromVersion}`;
  }

  /** The event in its current shape: each step from its stored version on, the stored hashes kept for reference. */
  upcast(event: EventEnvelope): EventEnvelope {
    let current = event;
    for (let step = this.byStep.get(UpcasterRegistry.stepOf(event.type, event.schemaVersion)); step; step = this.byStep.get(UpcasterRegistry.stepOf(event.type, current.schemaVersion))) {
      current = { ...current, data: step.upcast(current.data as never, event), schemaVersion: current.schemaVersion + 1 };
    }
    return current;
  }
}
