// A per-page time budget. Loops call `check()`; reading the clock costs little, but we still only
// look at it every few hundred calls so the hot loops stay hot.
import { ExtractionError } from './extraction-error.js';

export class Deadline {
  private readonly endsAt: number;
  private calls = 0;

  constructor(private readonly budgetMs: number) {
    this.endsAt = performance.now() + budgetMs;
  }

  /** Throws ExtractionError('time-budget') once the budget is spent. */
  check(): void {
    if ((++this.calls & 255) !== 0) return;
    this.checkNow();
  }

  checkNow(): void {
    if (performance.now() > this.endsAt) {
      throw new ExtractionError('time-budget', `extraction took longer than its time budget of ${this.budgetMs} ms`);
    }
  }
}
