/**
 * The IPC channel names between the preload and the main process — the whole surface, in one place.
 * Pages never see these: they only get `window.chedang`.
 */
export const CH = {
  /** invoke(method, input) → BridgeResult */
  call: 'chedang:call',
  /** invoke() → CoreState (the current one, for a listener that subscribes late) */
  getCoreState: 'chedang:get-core-state',
  /** invoke(PrintOptions) → void */
  print: 'chedang:print',
  /** invoke(PrintOptions) → Uint8Array */
  printToPdf: 'chedang:print-to-pdf',
  /** invoke(url) → void */
  openExternal: 'chedang:open-external',
  /** main → page: BridgeEvent */
  event: 'chedang:event',
  /** main → page: CoreState */
  coreState: 'chedang:core-state',
  /** invoke('order-edits', boolean) → void: the page's unsaved edits, for the update rule */
  setBusy: 'chedang:set-busy',
  /** invoke() → UpdateStatus (the current one, for a listener that subscribes late) */
  getUpdate: 'chedang:get-update',
  /** main → page: UpdateStatus */
  update: 'chedang:update',
  /** invoke() → InstallResult */
  installUpdate: 'chedang:install-update',
} as const;

/** The preload reads the app version from this command-line switch (webPreferences.additionalArguments). */
export const VERSION_ARG = '--chedang-version=';
