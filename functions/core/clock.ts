/** Domain code takes a clock instead of calling `new Date()`, so tests can fix "now". */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
