/** Hand bytes or text to the browser (or the app's window) as a file download. */
export function saveFile(fileName: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Give the download a moment to start before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** The same for a file the API sent as base64 text. */
export const saveBase64File = (fileName: string, type: string, base64: string): void =>
  saveFile(
    fileName,
    type,
    Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
  );
