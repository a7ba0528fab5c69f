/** Offers text as a file download without a round trip (the API returns the file's contents). */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the browser has taken the file.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
