import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge';

contextBridge.exposeInMainWorld('tollgate', createDesktopBridge(ipcRenderer, process.platform));
