/** Whether Prisma refused a write because a unique constraint already holds the value (P2002). */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
