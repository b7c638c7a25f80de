// The classic echo server the course starts from, on Node's `ws`: every text message comes back as
// "Echo: <message>", every binary message comes back as it was. It also serves its page, index.html,
// at GET /. Chapter 1 runs it next to 01-echo-raw; interop's tests run every client against it.
//
//   npm ci --prefix node-echo         # once: installs ws into node-echo/node_modules
//   npm start --prefix node-echo      # or: node node-echo/server.js [PORT]
//
// PORT (the argument, else the PORT variable, else 8080; 0 takes a free one), HOST (the variable,
// else localhost). Runs until Ctrl+C or SIGTERM, then closes every connection with 1001.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { WebSocketServer } = require('ws');

// The same limit as the Java modules' Limits.MAX_MESSAGE_BYTES: a bigger message is failed with
// Close 1009 (RFC 6455 §7.4.1). The library's default is 100 MiB.
const MAX_MESSAGE_BYTES = 1024 * 1024;
// How long the closing handshakes get at shutdown before the process ends anyway.
const SHUTDOWN_GRACE_MS = 5000;

function parsePort(text) {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    console.error(`node-echo: bad port "${text}": give a number from 0 to 65535 (0 takes a free one)`);
    process.exit(2);
  }
  return Number(text);
}

const port = parsePort(process.argv[2] ?? process.env.PORT ?? '8080');
const host = process.env.HOST || 'localhost';
const page = fs.readFileSync(path.join(__dirname, 'index.html'));

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && (request.url === '/' || request.url === '/index.html')) {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length });
    response.end(page);
  } else {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('not found: the page is at /, the WebSocket at any path\n');
  }
});

// noServer: the upgrade below decides first whether the page asking may connect at all.
const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

// A browser sends its page's origin with the upgrade, and the same-origin policy does not stop a
// WebSocket (RFC 6455 §10.2): without this, any site the user visits could talk to this server.
// Allowed: no Origin (a client that is not a browser) and this server's own page.
function sameOrigin(request) {
  const origin = request.headers.origin;
  if (origin === undefined) {
    return true;
  }
  try {
    return new URL(origin).host === String(request.headers.host).toLowerCase();
  } catch {
    return false;
  }
}

server.on('upgrade', (request, socket, head) => {
  if (!sameOrigin(request)) {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
});

sockets.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.send(data, { binary: true });
    } else {
      ws.send('Echo: ' + data.toString('utf8'));
    }
  });
  // ws reports a bad frame or a reset here and closes the connection itself; without a listener,
  // Node would take the 'error' event for a crash and end the whole server.
  ws.on('error', () => {});
});

server.on('error', (error) => {
  console.error(`node-echo: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  // The host as it was given: a browser takes localhost and 127.0.0.1 for two different origins.
  const where = (host.includes(':') ? `[${host}]` : host) + ':' + server.address().port;
  const version = require('ws/package.json').version;
  console.log(`node-echo on ws ${version}: page http://${where}/ · websocket ws://${where}/`);
});

function stop() {
  for (const ws of sockets.clients) {
    ws.close(1001, 'server shutting down');
  }
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
