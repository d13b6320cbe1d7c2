/** The XML flavour of GeoReport v2 answers: `<root><item><field>value</field>…</item>…</root>`. */
const escape = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(name.replace(/s$/, ''), v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}

export function toXml(root: string, item: string, rows: unknown[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${rows.map((r) => element(item, r)).join('')}</${root}>`;
}

export function objectToXml(root: string, value: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
