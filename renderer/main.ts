/**
 * The placeholder page served until the React front desk replaces it: it proves the browser can
 * reach the core through the same API every screen will use.
 */
const show = (id: string, text: string) => {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
};

const call = async (method: string, input: unknown = {}) => {
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return res.json();
};

fetch('/api/health')
  .then((r) => r.json())
  .then((h: { version: string; schemaVersion: number }) =>
    show('core', `运行中 running · v${h.version} · schema ${h.schemaVersion}`),
  )
  .catch(() => show('core', '无法连接 / unreachable'));

call('shop.get')
  .then((s: { name?: string }) => show('shop', s.name || '尚未填写企业名称 / shop name not set yet'))
  .catch(() => show('shop', '—'));
