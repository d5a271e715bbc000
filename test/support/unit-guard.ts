// Loaded before every unit-tier test file (scripts/test.mjs): the unit tier promises "no database, no
// sockets, no browser", and this makes the promise checked rather than hoped. Opening a socket, or
// importing a database driver or the browser driver, fails the test with a note saying where it belongs.
import net from 'node:net';
import { register } from 'node:module';

function refuseSockets(): never {
  throw new Error(
    '単体テストの層ではソケットを使えません。integration の層へ移してください (scripts/test.mjs) / the unit tier opens no sockets: move this test to the integration tier (scripts/test.mjs)',
  );
}

net.Socket.prototype.connect = refuseSockets;
net.Server.prototype.listen = refuseSockets;

// The drivers are refused when imported, not only when used: a pure module that pulls one in is not pure.
register(new URL('./unit-guard-hooks.mjs', import.meta.url));
