"""Python's websockets client as a row of the interop matrix, driven by ScriptedEchoClient over its
stdin and stdout, one line per command or event, every payload in base64:
  in:  text B64 | binary B64 | ping B64 | close CODE B64
  out: open | text B64 | binary B64 | pong B64 | close CODE B64 | error MESSAGE
Usage: /usr/bin/python3 echo_client.py WS_URL [CA_FILE]   (Debian's python3-websockets, 10.4 or newer)
For wss://, CA_FILE (PEM) is the certificate to trust instead of the system's authorities; the host
name is checked as always. websockets offers permessage-deflate on every connection by default.
It ends after the close, or when its stdin ends (then it drops the connection without a Close).
"""
import asyncio
import base64
import ssl
import sys

import websockets

# Our servers' limit (Limits.MAX_MESSAGE_BYTES): no echo is bigger, and the lines stay bounded.
MAX_MESSAGE_BYTES = 1024 * 1024
# websockets applies max_size to each frame as it comes off the wire too, and with permessage-deflate
# a 1 MiB echo of random bytes arrives a little bigger than 1 MiB (zlib's stored blocks cost 5 bytes
# each): the client allows for that much.
COMPRESSION_OVERHEAD = 64 * 1024
# A command line carries at most one message in base64, 4/3 of its size.
MAX_LINE = 2 * (MAX_MESSAGE_BYTES + COMPRESSION_OVERHEAD)


def say(*words):
    sys.stdout.write(" ".join(words) + "\n")
    sys.stdout.flush()


def b64(data):
    return base64.b64encode(data).decode("ascii")


async def receive(socket):
    try:
        async for message in socket:
            if isinstance(message, str):
                say("text", b64(message.encode("utf-8")))
            else:
                say("binary", b64(message))
    except websockets.ConnectionClosed:
        pass
    # close_code is the code of the server's Close, or 1006 when there was none (RFC 6455 §7.1.5).
    say("close", str(socket.close_code), b64((socket.close_reason or "").encode("utf-8")))


async def pong(waiter, payload):
    # websockets completes a ping's waiter only when a Pong with that payload arrives (it keys the
    # waiters by payload), so the payload reported here is the one the server sent back.
    try:
        await waiter
        say("pong", b64(payload))
    except websockets.ConnectionClosed:
        pass


async def command(socket, line, tasks):
    words = line.split(" ")
    name, first = words[0], base64.b64decode(words[1]) if len(words) > 1 else b""
    if name == "text":
        await socket.send(first.decode("utf-8"))
    elif name == "binary":
        await socket.send(first)
    elif name == "ping":
        tasks.add(asyncio.create_task(pong(await socket.ping(first), first)))
    elif name == "close":
        reason = base64.b64decode(words[2]).decode("utf-8") if len(words) > 2 else ""
        await socket.close(int(words[1]), reason)
    else:
        say("error", "unknown command " + name)


async def main(url, ca_file):
    # Without a CA file, no ssl argument: websockets then uses the system's authorities for wss://
    # (an explicit ssl=None would mean no TLS at all).
    tls = {"ssl": ssl.create_default_context(cafile=ca_file)} if ca_file else {}
    try:
        socket = await websockets.connect(url, max_size=MAX_MESSAGE_BYTES + COMPRESSION_OVERHEAD, open_timeout=10,
                                          ping_interval=None, **tls)
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as error:
        say("error", " ".join(str(error).split()) or type(error).__name__)
        say("close", "1006", "")
        return
    say("open")
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader(limit=MAX_LINE)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    receiver = asyncio.create_task(receive(socket))
    tasks = set()
    reading = asyncio.create_task(stdin.readline())
    while True:
        await asyncio.wait({reading, receiver}, return_when=asyncio.FIRST_COMPLETED)
        if receiver.done():
            break  # the close is reported: this client's work is over
        line = reading.result()
        if not line:
            # stdin ended: the test is done with this client; drop the connection.
            socket.transport.abort()
            break
        try:
            await command(socket, line.decode("ascii").strip(), tasks)
        except websockets.ConnectionClosed:
            pass  # the receiver reports the close
        except Exception as error:  # a command that the connection could not carry out
            say("error", " ".join(str(error).split()) or type(error).__name__)
        reading = asyncio.create_task(stdin.readline())
    reading.cancel()
    receiver.cancel()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
