// The sending ceiling: the bare node-smpp client against the same SMSC simulator the sending benchmark
// uses (in this process, over real TCP on 127.0.0.1, receipts after the same delay), one transceiver
// bind keeping `window` submits in flight, answering every delivery receipt. No database, no queue, no
// composing: Todoku's delivered/s is measured as a ratio to this loop's receipts/s.
// Usage: node --import tsx bench/ceiling-smpp.ts [N] [window] [receipt delay ms]   (prints one JSON line)
import smpp, { type Pdu } from 'smpp';
import { SmscSimulator } from '../src/routes/simulator/simulator.ts';
import { peakRssMb } from './machine.ts';

const count = Number(process.argv[2] ?? 20_000);
const window = Number(process.argv[3] ?? 100);
const receiptDelayMs = Number(process.argv[4] ?? 10);
// As long as the sending benchmark's texts, in UCS-2 (data_coding 8): one part each.
const TEXT = Buffer.from('利用者12345様 ¥11,234のお支払いをお願いします。https://t.example/l/AbCdEfGhIjK', 'utf16le').swap16();

const simulator = new SmscSimulator({ port: 0, receiptDelayMs, deliverWindow: 100 });
await simulator.start();
const session = smpp.connect({ host: '127.0.0.1', port: simulator.port });
await new Promise<void>((resolve, reject) => {
  session.on('error', reject);
  session.on('connect', () => {
    // As the issue asks of Todoku's side: no Nagle delay on our writes.
    session.socket.setNoDelay(true);
    session.send(new smpp.PDU('bind_transceiver', { system_id: 'bench', password: 'bench' }), (pdu) => (pdu.command_status === 0 ? resolve() : reject(new Error(`bind: ${pdu.command_status}`))));
  });
});

let sent = 0;
let accepted = 0;
let receipts = 0;
let inFlight = 0;
const started = performance.now();
const cpu0 = process.cpuUsage();
let submittedAt = 0;
const allDelivered = new Promise<void>((resolve) => {
  session.on('deliver_sm', (pdu: Pdu) => {
    session.send(pdu.response());
    if ((Number(pdu.esm_class) & 0x04) !== 0 && ++receipts === count) resolve();
  });
});
const fill = () => {
  while (inFlight < window && sent < count) {
    const i = sent++;
    inFlight += 1;
    session.send(
      new smpp.PDU('submit_sm', { source_addr: 'TODOKU', destination_addr: `8190${String(10_000_000 + i)}`, registered_delivery: 1, data_coding: 8, short_message: TEXT }),
      (resp) => {
        inFlight -= 1;
        if (resp.command_status === 0) accepted += 1;
        if (sent === count && inFlight === 0) submittedAt = performance.now();
        fill();
      },
    );
  }
};
fill();
await allDelivered;
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
session.close();
await simulator.stop();
console.log(
  JSON.stringify({
    messages: count,
    window,
    accepted,
    submittedPerSecond: count / ((submittedAt - started) / 1000),
    deliveredPerSecond: count / seconds,
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / count,
    peakRssMb: peakRssMb(),
  }),
);
