/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password for an invited user, made in the browser from the platform's cryptographic random
 * source: 4 groups of 5 characters (about 115 bits), well above the server's 12-character minimum.
 */
export function temporaryPassword(): string {
  const characters: string[] = [];
  // Rejection sampling: bytes at or above the largest multiple of the alphabet's size are
  // dropped, so that every character is equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (characters.length < 20) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < limit && characters.length < 20)
        characters.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return [0, 5, 10, 15].map((start) => characters.slice(start, start + 5).join('')).join('-');
}
