// The reference of chapter 9's table: Node's `ws` echoing every message back, as it is.
// Usage: node echo-server.js [PORT] [--deflate]   (0 or nothing: a free port; --deflate accepts
// permessage-deflate, RFC 7692, which ws leaves off by default). Prints the URL, runs until SIGTERM/SIGINT.
'use strict';
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const deflate = args.includes('--deflate');
const port = Number(args.find((arg) => !arg.startsWith('--')) || 0);
const server = new WebSocketServer({
  host: '127.0.0.1', port, path: '/echo', maxPayload: 1024 * 1024, perMessageDeflate: deflate,
});

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on('listening', () => {
  console.log('Node ws ' + require('ws/package.json').version + ' echo server is running' + (deflate ? ' (permessage-deflate)' : ''));
  console.log('  websocket: ws://127.0.0.1:' + server.address().port + '/echo');
});

function stop() {
  for (const client of server.clients) {
    client.close(1001);
  }
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
