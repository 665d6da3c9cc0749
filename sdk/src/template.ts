/**
 * Render `{{name}}` placeholders from `data`; unknown names render as `—` so a missing value is visible
 * in a warning rather than silently blank.
 *
 * @example
 * renderTemplate('{{object}} 甲烷 {{value}} %LEL', { object: '3号阀门井', value: 32 }); // '3号阀门井 甲烷 32 %LEL'
 */
export function renderTemplate(template: string, data: Record<string, string | number | undefined>): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (_, key: string) => {
    const v = data[key];
    if (v === undefined || v === null) return '—';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
    return v;
  });
}
