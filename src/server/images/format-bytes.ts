/** Bytes for people: `45.2 MB`, `1.3 GB` (decimal units, as Docker prints image sizes). */
export function formatBytes(bytes: number, unit?: 'MB' | 'GB'): string {
  const chosen = unit ?? (bytes >= 1e9 ? 'GB' : 'MB');
  return `${(bytes / (chosen === 'GB' ? 1e9 : 1e6)).toFixed(1)} ${chosen}`;
}
