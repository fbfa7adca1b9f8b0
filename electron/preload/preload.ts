/** The only bridge into the page: one typed object, `window.chedang` (shared/api/bridge.ts). */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, versionFrom } from './bridge.js';

contextBridge.exposeInMainWorld('chedang', createBridge(ipcRenderer, versionFrom(process.argv)));
