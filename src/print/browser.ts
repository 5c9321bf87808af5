import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { messages } from '../messages.ts';
import { UserError } from '../diagnostics/index.ts';

/**
 * The features Playwright launches Chromium without (its chromiumSwitches, playwright-core 1.65),
 * and the omnibox's popup: headless Chromium makes every browser context a window of its own, and
 * each window loads the popup's page (chrome://omnibox-popup.top-chrome/) in a renderer process
 * of its own, about 0.65 s of CPU on a 2-core machine for a page never shown (an edit's rebuild
 * opens one context, a cold build's images stage a dozen). Chromium takes the last
 * --disable-features it is given, whole: so Playwright's list is repeated here, not replaced
 * (tests/print/browser.test.ts checks it still holds Playwright's).
 */
export const DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

/** Flags that make a headless Chromium work as root, in containers and without network. */
export const BROWSER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
  '--font-render-hinting=none',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Debian's chromium-headless-shell package puts the browser. */
const HEADLESS_SHELL_DEBIAN = '/usr/lib/chromium/chromium-headless-shell';

/** The places an installed Chromium or Chrome is looked for, most specific first. */
export function browserCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const home = env['HOME'];
    return [
      ...apps.map((app) => `/Applications/${app}`),
      ...(home === undefined ? [] : apps.map((app) => `${home}/Applications/${app}`)),
    ];
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
      (root): root is string => root !== undefined && root !== '',
    );
    const exes = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Chromium\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ];
    return roots.flatMap((root) => exes.map((exe) => path.win32.join(root, exe)));
  }
  // Chromium's headless shell first: the same Blink and the same PDF bytes, without the browser's
  // window layer or a PDF compositor process per print, in about half the CPU (docs/scaling.md).
  // Debian's binary itself, not its /usr/bin script, which would stay its parent in a shell.
  const names = [
    'chromium-headless-shell',
    'chrome-headless-shell',
    'chromium',
    'chromium-browser',
    'google-chrome-stable',
    'google-chrome',
    'chrome',
  ];
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const fixed = ['/usr/bin', '/usr/local/bin', '/snap/bin', '/opt/google/chrome'];
  const seen = new Set<string>([HEADLESS_SHELL_DEBIAN]);
  const out: string[] = [HEADLESS_SHELL_DEBIAN];
  for (const name of names) {
    for (const dir of [...fixed, ...dirs]) {
      const file = path.posix.join(dir, name);
      if (!seen.has(file)) {
        seen.add(file);
        out.push(file);
      }
    }
  }
  return out;
}

/**
 * The path of the browser to print with: CHROME_PATH when set, else the first installed
 * Chromium/Chrome found. Throws a UserError saying what to install when there is none.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['CHROME_PATH'];
  if (override !== undefined && override !== '') {
    if (!isExecutable(override)) throw new UserError(messages.print.chromePathMissing(override));
    return override;
  }
  const candidates = browserCandidates(process.platform, env);
  const found = candidates.find(isExecutable);
  if (found === undefined) {
    const shown =
      process.platform === 'darwin' || process.platform === 'win32'
        ? candidates.slice(0, 2)
        : [
            HEADLESS_SHELL_DEBIAN,
            'chromium-headless-shell, chromium, chromium-browser, google-chrome on PATH',
            '/usr/bin',
            '/snap/bin',
            '/opt/google/chrome',
          ];
    throw new UserError(messages.print.noBrowser([...shown, 'CHROME_PATH (unset)']));
  }
  return found;
}
