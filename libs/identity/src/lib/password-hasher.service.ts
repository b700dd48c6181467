import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// `Algorithm` is an ambient const enum: SWC cannot inline it and its runtime object is empty,
// so the value is spelled out (2 = Argon2id).
const ARGON2ID: Algorithm = 2;

/** OWASP's baseline for argon2id: 19 MiB, two passes, one lane. */
export const ARGON2_OPTIONS: Readonly<Options> = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A corrupt stored hash is a failed login, not a 500 that tells the caller the user exists.
      return false;
    }
  }

  /**
   * Spends the same work as a real verification when there is no hash to check (unknown user,
   * invite not accepted), so response time does not reveal which e-mail addresses exist.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
