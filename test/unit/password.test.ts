import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/src/auth/password.js';

describe('password hashing', () => {
  it('a password verifies against its own hash only, and hashes are salted', async () => {
    const hash = await hashPassword('调解 secret');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('调解 secret', hash)).toBe(true);
    expect(await verifyPassword('调解 secreT', hash)).toBe(false);
    expect(await hashPassword('调解 secret')).not.toBe(hash);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
