export const UNUSED_MODULES: string[];
export function unusedModuleAliases(): Record<string, string>;
