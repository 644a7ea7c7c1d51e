// A tiny catalog whose languages can be learnt from the words of names, descriptions and topics: each language
// has its own words, every repository also carries shared filler words, and two languages are rare. Small enough
// to train in seconds, learnable enough that a model beats the majority class.
import type { PrismaClient } from '../../src/generated/prisma/client.js';

const WORDS: Record<string, string[]> = {
  Go: ['goroutine', 'gopher', 'channel', 'grpc', 'kubernetes'],
  Rust: ['crate', 'cargo', 'borrow', 'tokio', 'wasm'],
  Python: ['django', 'pandas', 'pip', 'numpy', 'flask'],
  JavaScript: ['react', 'npm', 'node', 'webpack', 'browser'],
};
const RARE: Record<string, string[]> = { Haskell: ['monad', 'ghc'], Zig: ['comptime', 'allocator'] };
const FILLER = ['fast', 'simple', 'library', 'tool', 'awesome', 'modern', 'tiny', 'open'];

/** `perLanguage` repositories for each of 4 languages, plus 2 of each of 2 rare ones; one owner per language. */
export async function seedLanguageCatalog(prisma: PrismaClient, perLanguage: number): Promise<number> {
  const languages = { ...WORDS, ...RARE };
  await prisma.user.createMany({ data: Object.keys(languages).map((language) => ({ login: `lang-${language}` })) });
  const owners = new Map(
    (await prisma.user.findMany({ select: { id: true, login: true } })).map((user) => [user.login, user.id]),
  );
  const rows = Object.entries(languages).flatMap(([language, words]) =>
    Array.from({ length: language in WORDS ? perLanguage : 2 }, (_, i) => {
      const word = (k: number) => words[(i + k) % words.length]!;
      const filler = (k: number) => FILLER[(i * 3 + k) % FILLER.length]!;
      return {
        fullName: `lang-${language}/${word(0)}-${filler(0)}-${i}`,
        name: `${word(0)}-${filler(0)}-${i}`,
        ownerId: owners.get(`lang-${language}`)!,
        // Every third repository has no description: the model must cope with missing fields.
        description: i % 3 === 2 ? null : `A ${filler(1)} ${word(1)} ${filler(2)} for ${word(2)} users`,
        language,
        topics: i % 2 === 0 ? [word(3), filler(3)] : [],
      };
    }),
  );
  await prisma.repository.createMany({ data: rows });
  return rows.length;
}
