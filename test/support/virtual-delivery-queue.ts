import type { DeliveryQueue, DeliveryTask } from '../../functions/webhooks/ports.ts';

/**
 * A delivery queue on a clock the test moves: `runUntil` jumps from one due task to the next, so
 * three days of retries take as long as their HTTP requests. Time never goes back, and tasks due
 * at the same moment run in the order they were sent.
 */
export class VirtualDeliveryQueue implements DeliveryQueue {
  private readonly pending: DeliveryTask[] = [];
  private sent = 0;
  private readonly order = new Map<DeliveryTask, number>();

  constructor(public now: number) {}

  readonly clock = () => this.now;

  async send(tasks: readonly DeliveryTask[]): Promise<void> {
    for (const task of tasks) {
      this.order.set(task, this.sent++);
      this.pending.push(task);
    }
  }

  get size(): number {
    return this.pending.length;
  }

  /** Attempts every task due up to `until`, moving the clock to each one's time. */
  async runUntil(until: number, attempt: (task: DeliveryTask) => Promise<unknown>): Promise<void> {
    for (;;) {
      this.pending.sort((a, b) => a.notBefore - b.notBefore || this.order.get(a)! - this.order.get(b)!);
      const next = this.pending[0];
      if (!next || next.notBefore > until) break;
      this.pending.shift();
      this.now = Math.max(this.now, next.notBefore);
      await attempt(next);
    }
    this.now = Math.max(this.now, until);
  }
}
