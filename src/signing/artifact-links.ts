import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock.js';

export type Artifact = 'transcript' | 'recording';

const LIFETIME_SECONDS = 60 * 60;

/**
 * Pre-signed links to a call's artifacts: an HMAC over the call, the artifact and the expiry lets
 * the link stand in for an API key, for one artifact of one call, for one hour.
 */
export class ArtifactLinks {
  constructor(
    private readonly secret: string,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  create(callId: string, artifact: Artifact): string {
    const expires = Math.floor(this.clock.now() / 1000) + LIFETIME_SECONDS;
    const signature = this.sign(callId, artifact, expires);
    return `${this.publicUrl}/api/calls/${callId}/${artifact}?expires=${expires}&signature=${signature}`;
  }

  isValid(callId: string, artifact: Artifact, expires: unknown, signature: unknown): boolean {
    if (typeof expires !== 'string' || typeof signature !== 'string') return false;
    if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return false;
    if (Number(expires) * 1000 <= this.clock.now()) return false;
    const expected = Buffer.from(this.sign(callId, artifact, Number(expires)), 'hex');
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }

  private sign(callId: string, artifact: Artifact, expires: number): string {
    return createHmac('sha256', this.secret).update(`${callId}\n${artifact}\n${expires}`).digest('hex');
  }
}
