/** argon2id with the parameters OWASP recommends (19 MiB, 2 iterations, 1 lane). */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The native argon2 module, loaded on the first sign-in rather than at start: an idle server,
 * and every reader, never needs it (it costs several MiB of memory).
 */
const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

/** A hash of nothing anyone knows: verifying against it costs what a real check costs. */
let decoyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a stored hash (unknown account, or no password
 * set yet) it still spends the time of a check, so timing does not tell which accounts exist.
 */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  const { verify } = await argon2();
  if (!storedHash) {
    decoyHash ??= hashPassword('decoy password that nobody has');
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
