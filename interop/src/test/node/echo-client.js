// Node's `ws` client as a row of the interop matrix, driven by ScriptedEchoClient over its stdin and
// stdout, one line per command or event, every payload in base64:
//   in:  text B64 | binary B64 | ping B64 | close CODE B64
//   out: open | text B64 | binary B64 | pong B64 | close CODE B64 | error MESSAGE
// Usage: node echo-client.js WS_URL   (ws comes from NODE_PATH: node-echo/node_modules)
// For wss://, NODE_EXTRA_CA_CERTS=FILE.pem adds a certificate to the ones Node trusts; the host name
// is checked as always. ws offers permessage-deflate on every connection by default.
// It ends after the close, or when its stdin ends (then it drops the connection without a Close).
'use strict';
const readline = require('readline');
const WebSocket = require('ws');

// Our servers' limit (Limits.MAX_MESSAGE_BYTES): no echo is bigger, and the lines stay bounded.
const MAX_MESSAGE_BYTES = 1024 * 1024;
// ws applies maxPayload to the frames' payload as it comes off the wire too, and with
// permessage-deflate a 1 MiB echo of random bytes arrives a little bigger than 1 MiB (zlib's stored
// blocks cost 5 bytes each): the client allows for that much.
const COMPRESSION_OVERHEAD = 64 * 1024;

const socket = new WebSocket(process.argv[2], {
  maxPayload: MAX_MESSAGE_BYTES + COMPRESSION_OVERHEAD,
  handshakeTimeout: 10000,
});
const b64 = (data) => Buffer.from(data).toString('base64');
const say = (line) => process.stdout.write(line + '\n');

socket.on('open', () => {
  say('open');
  readCommands();
});
socket.on('message', (data, isBinary) => say((isBinary ? 'binary ' : 'text ') + b64(data)));
socket.on('pong', (data) => say('pong ' + b64(data)));
socket.on('error', (error) => say('error ' + String(error.message).replace(/\s+/g, ' ')));
socket.on('close', (code, reason) => {
  say('close ' + code + ' ' + b64(reason));
  process.exit(0);
});

// Commands are read once the connection is open: ScriptedEchoClient sends none before 'open'.
function readCommands() {
  const commands = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  commands.on('line', (line) => {
    const [command, first, second] = line.split(' ');
    try {
      if (command === 'text') {
        socket.send(Buffer.from(first, 'base64').toString('utf8'));
      } else if (command === 'binary') {
        socket.send(Buffer.from(first, 'base64'), { binary: true });
      } else if (command === 'ping') {
        socket.ping(Buffer.from(first, 'base64'));
      } else if (command === 'close') {
        socket.close(Number(first), Buffer.from(second || '', 'base64').toString('utf8'));
      } else {
        say('error unknown command ' + command);
      }
    } catch (error) {
      // ws throws when the socket is no longer open: the close event says why.
      say('error ' + String(error.message).replace(/\s+/g, ' '));
    }
  });
  commands.on('close', () => {
    socket.terminate();
    process.exit(0);
  });
}
