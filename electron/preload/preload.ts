/** The only bridge into the page: one typed object, `window.chedang`. */
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('chedang', Object.freeze({ shell: 'electron' as const }));
