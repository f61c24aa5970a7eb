/**
 * Whether a typed name is the same as a name on record, as a person would read them: the
 * same letters in the same order, whatever spaces (full-width ones included), letter case
 * or character width (NFKC: full-width Latin, half-width kana) stand between them.
 */
export function namesMatch(typed: string, recorded: string): boolean {
  const normal = (name: string) => name.normalize('NFKC').replace(/\s+/gu, '').toLocaleLowerCase('en');
  return normal(typed) !== '' && normal(typed) === normal(recorded);
}
