/**
 * Child process of settle-crash.test.ts: opens the core on the data folder given as the first
 * argument and settles every completed order, one API call each, as fast as it can. The parent
 * SIGKILLs it at random moments, so the kill lands inside settle transactions.
 *
 * It talks to the parent in lines on stdout. Writes to a pipe are synchronous on Linux, so every
 * line the parent reads was written before the kill, in order:
 *   ready <n>              the core is open; n orders to settle (the kill timer starts here)
 *   begin <id>             a settle call starts
 *   end <id> <number>      it committed, with this settlement number
 *   refused <id> <code>    a rule refused it and the transaction rolled back
 *   idle                   nothing left to settle
 */
import { createCore } from '../../electron/core/app.js';

const dir = process.argv[2] ?? process.env.CHEDANG_CRASH_DIR;
if (!dir) {
  process.stderr.write('usage: settle-loop.ts <data dir>\n');
  process.exit(64);
}
const say = (line: string) => process.stdout.write(`${line}\n`);

const app = await createCore({ dataDir: dir, log: (msg, err) => process.stderr.write(`${msg} ${String(err)}\n`) });
const ids = (
  app.core.sqlite.prepare(`SELECT id FROM work_orders WHERE status = 'completed'`).all() as {
    id: string;
  }[]
).map((r) => r.id);
// Shuffled, so orders a rule refuses (they stay completed) do not crowd the start of every run.
for (let i = ids.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [ids[i], ids[j]] = [ids[j]!, ids[i]!];
}
say(`ready ${ids.length}`);

for (const id of ids) {
  say(`begin ${id}`);
  const r = await app.call('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'customer_keeps' });
  if (r.ok) {
    say(`end ${id} ${(r.value as { order: { settlementNo: string } }).order.settlementNo}`);
  } else if (r.status < 500) {
    say(`refused ${id} ${r.error.code}`);
  } else {
    process.stderr.write(`settle ${id} failed: ${JSON.stringify(r.error)}\n`);
    process.exit(70);
  }
}
say('idle');
app.close();
