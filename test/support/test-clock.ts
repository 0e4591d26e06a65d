import type { Clock } from '../../src/shared/clock.js';

export const TEST_EPOCH = Date.parse('2026-01-15T12:00:00Z');

/** A clock the test moves by hand, so expiry and timestamps are exact. */
export class TestClock implements Clock {
  private current = TEST_EPOCH;

  now(): number {
    return this.current;
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  reset(): void {
    this.current = TEST_EPOCH;
  }
}
