/**
 * A mistake in how the CLI was called: printed as one clear line, exit 1. In a file of its own so
 * bin/cli.ts can raise it without loading what the commands' argument parsing needs (zod among it).
 */
export class UsageError extends Error {}
