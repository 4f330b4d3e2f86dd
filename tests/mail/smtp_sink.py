#!/usr/bin/python3
"""A local SMTP sink for the mail tests: accepts every message and keeps it in a folder.

    /usr/bin/python3 tests/mail/smtp_sink.py --dir DIR --port-file FILE [--port N] [--watch-pid PID]

Listens on 127.0.0.1 (port 0, the default, lets the system pick a free one), writes the port to
FILE once it is listening, and runs until killed (SIGTERM or SIGINT), or until process PID has
gone. Each message received
becomes two files in DIR, numbered in the order they arrived:

    000001.eml   the message exactly as received (the DATA, dot-unstuffed)
    000001.json  {"seq": 1, "mail_from": "...", "rcpt_tos": [...], "eml": "000001.eml", "size": N}

The .json file is written last and atomically (rename), so a reader that counts .json files only
ever sees whole messages. The sink answers 250 to the DATA only after both files are on disk,
so once the sending client has finished, its messages are there to read.

Needs Debian's python3-aiosmtpd (run it with /usr/bin/python3, not a pyenv or venv python).
"""
import argparse
import asyncio
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Keep:
    """aiosmtpd handler: keeps each message as NNNNNN.eml and NNNNNN.json."""

    def __init__(self, folder):
        self.folder = folder
        self.seq = 0

    async def handle_DATA(self, server, session, envelope):
        self.seq += 1
        stem = "%06d" % self.seq
        raw = envelope.original_content if envelope.original_content is not None else envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        try:
            write_atomically(os.path.join(self.folder, stem + ".eml"), raw)
            meta = {
                "seq": self.seq,
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "eml": stem + ".eml",
                "size": len(raw),
            }
            write_atomically(os.path.join(self.folder, stem + ".json"),
                             (json.dumps(meta, indent=1) + "\n").encode("utf-8"))
        except OSError as e:
            print("smtp_sink: cannot keep message %s: %s" % (stem, e), file=sys.stderr)
            return "451 Requested action aborted: cannot store the message"
        return "250 Message accepted for delivery"


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    handler = Keep(args.dir)
    loop = asyncio.get_running_loop()
    # 8BITMIME and SMTPUTF8 so that UTF-8 bodies and headers pass as they are.
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink.localhost", enable_SMTPUTF8=True, decode_data=False),
        host="127.0.0.1", port=args.port)
    port = server.sockets[0].getsockname()[1]
    write_atomically(args.port_file, ("%d\n" % port).encode("ascii"))
    print("smtp_sink: listening on 127.0.0.1:%d, keeping messages in %s" % (port, args.dir), file=sys.stderr)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    if args.watch_pid:
        async def watch():
            # Stops with the test that started it, even if that test was killed with SIGKILL.
            while not stop.done():
                try:
                    os.kill(args.watch_pid, 0)
                except ProcessLookupError:
                    stop.set_result(None)
                    break
                except PermissionError:
                    pass
                await asyncio.sleep(1)
        loop.create_task(watch())
    try:
        await stop
    finally:
        server.close()
        await server.wait_closed()


def main():
    p = argparse.ArgumentParser(description="Local SMTP sink that keeps each message in a folder.")
    p.add_argument("--dir", required=True, help="folder for the received messages (created if missing)")
    p.add_argument("--port-file", required=True, help="file the listening port is written to")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default 0: any free port)")
    p.add_argument("--watch-pid", type=int, default=0, help="stop when the process with this id has gone")
    args = p.parse_args()
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
