/** "3 of 5 seats", "1 machine", "2 of 3 machines": what is used of a maximum (null: no maximum). */
export function limitText(used: number, max: number | null, noun: string): string {
  const plural = (n: number) => `${noun}${n === 1 ? '' : 's'}`;
  return max === null ? `${used} ${plural(used)}` : `${used} of ${max} ${plural(max)}`;
}
