"""Prints a JetStream stream's message count, asking the server's JetStream API over the plain
NATS protocol (no client library): usage: jetstream_info.py HOST:PORT STREAM [CA_FILE]
With CA_FILE the connection is upgraded to TLS after INFO (Python's ssl, an independent client),
trusting that authority and checking the server's name."""
import json
import socket
import ssl
import sys

host, port = sys.argv[1].rsplit(":", 1)
stream = sys.argv[2]
ca_file = sys.argv[3] if len(sys.argv) > 3 else None
sock = socket.create_connection((host, int(port)), timeout=10)
buf = b""


def more():
    global buf
    data = sock.recv(65536)
    if not data:
        sys.exit("jetstream_info: the server closed the connection")
    buf += data


def line():
    global buf
    while b"\r\n" not in buf:
        more()
    head, buf = buf.split(b"\r\n", 1)
    text = head.decode()
    if text.startswith("-ERR"):
        sys.exit(f"jetstream_info: the server said {text}")
    return text


line()  # INFO
if ca_file:
    sock = ssl.create_default_context(cafile=ca_file).wrap_socket(sock, server_hostname=host)
sock.sendall(b'CONNECT {"verbose":false,"headers":true}\r\nPING\r\nSUB _INBOX.check 1\r\n'
             + f"PUB $JS.API.STREAM.INFO.{stream} _INBOX.check 0\r\n\r\n".encode())
while True:
    text = line()
    if text.startswith("MSG"):
        size = int(text.split()[-1])
        while len(buf) < size + 2:
            more()
        answer = json.loads(buf[:size])
        print(answer.get("state", {}).get("messages", -1) if "error" not in answer else answer["error"])
        break
    if text == "PING":
        sock.sendall(b"PONG\r\n")
