/** Browsers by the token their user agent names them with, the most specific first (Edge and WeChat also say Chrome or Safari). */
const BROWSERS: readonly [name: string, pattern: RegExp][] = [
  ['WeChat', /MicroMessenger\/(\d+)/],
  ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/],
  ['Safari', /Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
];

const SYSTEMS: readonly [name: string, pattern: RegExp][] = [
  ['Android', /Android/],
  ['iOS', /iPhone|iPad|iPod/],
  ['Windows', /Windows/],
  ['macOS', /Mac OS X/],
  ['Linux', /Linux/],
];

/**
 * A user agent as a reader of the audit page wants it: the browser, its major version and
 * the system ("Chrome 156 on Android"). The whole string stays in the audit log.
 */
export function summariseDevice(userAgent: string): string {
  if (userAgent.trim() === '') return '';
  const browser = BROWSERS.map(([name, pattern]) => [name, pattern.exec(userAgent)?.[1]] as const).find(([, version]) => version);
  const system = SYSTEMS.find(([, pattern]) => pattern.test(userAgent))?.[0];
  const what = browser ? `${browser[0]} ${browser[1]}` : 'Browser';
  return system ? `${what} · ${system}` : what;
}
