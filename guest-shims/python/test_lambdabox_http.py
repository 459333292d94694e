"""Tests of lambdabox_http (and the patches it loads) with a stand-in host:
`python3 -m unittest test_lambdabox_http` in guest-shims/python (host CPython; the wire format
is the stdio transport's)."""

import base64
import errno
import sys
import unittest

import lambdabox_http


class Host:
    def __init__(self, replies):
        self.replies = list(replies)
        self.sent = []

    def __call__(self, message):
        self.sent.append(message)
        return self.replies.pop(0)


def ok(status, headers, body, url):
    return {"type": "httpResponse", "status": status, "headers": headers,
            "body": base64.b64encode(body).decode(), "url": url}


PATCHED = ("socket", "http.client", "urllib.request", "ssl")


class Patched(unittest.TestCase):
    """Each test imports fresh copies of the patched modules; the real ones come back after."""

    def setUp(self):
        self.saved = {name: sys.modules.pop(name, None) for name in PATCHED}
        self.meta_path = list(sys.meta_path)

    def tearDown(self):
        sys.meta_path[:] = self.meta_path
        for name, module in self.saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


class Installing(Patched):
    def test_the_patches_load_only_when_a_watched_module_is_imported(self):
        lambdabox_http._patches = None
        lambdabox_http.install(Host([]))
        self.assertIsNone(lambdabox_http._patches, "start-up compiles only the installer")
        import socket

        self.assertIsNotNone(lambdabox_http._patches)
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", 9))


class UrlopenThroughTheHost(Patched):

    def test_patched_on_first_import_and_response_intact(self):
        host = Host([ok(200, [["x-a", "1"], ["x-a", "2"], ["content-type", "application/octet-stream"]],
                        bytes(range(256)), "http://h.test/final")])
        lambdabox_http.install(host)
        import urllib.request

        with urllib.request.urlopen(urllib.request.Request("http://h.test/x", data=b"\x00hi",
                                                            headers={"X-Q": "v"})) as r:
            self.assertEqual(r.status, 200)
            self.assertEqual(r.read(), bytes(range(256)))
            self.assertEqual(r.headers.get_all("x-a"), ["1", "2"])
            self.assertEqual(r.geturl(), "http://h.test/final")
        sent = host.sent[0]
        self.assertEqual((sent["type"], sent["method"], sent["url"]), ("http", "POST", "http://h.test/x"))
        self.assertEqual(base64.b64decode(sent["body"]), b"\x00hi")
        self.assertIn(["X-q", "v"], sent["headers"])

    def test_error_statuses_raise_http_error_and_refusals_url_error(self):
        refusal = "lambdabox: network access to https://a.test is not allowed; allow it with `--allow-net a.test:443`"
        host = Host([ok(404, [], b"nope", "https://a.test/"), {"type": "httpError", "message": refusal}])
        lambdabox_http.install(host)
        import urllib.error
        import urllib.request

        with self.assertRaises(urllib.error.HTTPError) as e:
            urllib.request.urlopen("https://a.test/")
        self.assertEqual((e.exception.code, e.exception.read()), (404, b"nope"))
        with self.assertRaises(urllib.error.URLError) as e:
            urllib.request.urlopen("https://a.test/")
        self.assertIn("--allow-net a.test:443", str(e.exception.reason))

    def test_the_requests_own_timeout_caps_the_host(self):
        host = Host([ok(200, [], b"", "http://h.test/")])
        lambdabox_http.install(host)
        import urllib.request

        urllib.request.urlopen("http://h.test/", timeout=1.5).read()
        self.assertEqual(host.sent[0]["timeoutMs"], 1500)
        self.assertNotIn("redirect", host.sent[0], "urllib lets the host follow redirects")


class HttpClientThroughTheHost(Patched):
    def test_a_request_goes_out_whole_and_the_response_reads_like_a_servers(self):
        host = Host([ok(200, [["x-a", "1"], ["x-a", "2"], ["content-type", "application/octet-stream"],
                              ["transfer-encoding", "chunked"]], bytes(range(256)), "http://h.test:8080/p")])
        lambdabox_http.install(host)
        import http.client

        conn = http.client.HTTPConnection("h.test", 8080, timeout=2.5)
        conn.request("POST", "/p?q=1", body=b"\x00hi", headers={"X-Q": "v"})
        r = conn.getresponse()
        self.assertEqual((r.status, r.reason, r.version), (200, "OK", 11))
        self.assertEqual(r.getheader("x-a"), "1, 2")
        self.assertEqual(r.msg.get_all("x-a"), ["1", "2"])
        self.assertEqual(r.getheader("content-length"), "256")
        self.assertIsNone(r.getheader("transfer-encoding"))
        self.assertIn(("content-type", "application/octet-stream"), r.getheaders())
        self.assertEqual(r.read(10), bytes(range(10)))
        self.assertEqual(r.read(), bytes(range(10, 256)))
        sent = host.sent[0]
        self.assertEqual((sent["method"], sent["url"], sent["redirect"], sent["timeoutMs"]),
                         ("POST", "http://h.test:8080/p?q=1", "manual", 2500))
        self.assertEqual(base64.b64decode(sent["body"]), b"\x00hi")
        self.assertIn(["X-Q", "v"], sent["headers"])
        self.assertIn(["Host", "h.test:8080"], sent["headers"])
        self.assertIn(["Content-Length", "3"], sent["headers"])

    def test_https_chunked_bodies_and_a_reused_connection(self):
        host = Host([ok(201, [["location", "/made"]], b"made", "https://s.test/"),
                     ok(200, [["content-length", "99"]], b"", "https://s.test/")])
        lambdabox_http.install(host)
        import http.client

        conn = http.client.HTTPSConnection("s.test")
        conn.request("PUT", "/things", body=iter([b"ab", b"", b"cd"]))
        r = conn.getresponse()
        self.assertEqual((r.status, r.reason, r.read()), (201, "Created", b"made"))
        conn.request("HEAD", "/things")
        r = conn.getresponse()
        self.assertEqual((r.status, r.getheader("content-length"), r.read()), (200, "99", b""))
        first, second = host.sent
        self.assertEqual((first["url"], base64.b64decode(first["body"])), ("https://s.test:443/things", b"abcd"))
        self.assertFalse([h for h in first["headers"] if h[0].lower() == "transfer-encoding"])
        self.assertEqual((second["method"], second["url"]), ("HEAD", "https://s.test:443/things"))

    def test_redirects_reach_the_handler_as_they_are(self):
        host = Host([ok(302, [["location", "http://elsewhere.test/"]], b"", "http://h.test/")])
        lambdabox_http.install(host)
        import http.client

        conn = http.client.HTTPConnection("h.test")
        conn.request("GET", "/old")
        r = conn.getresponse()
        self.assertEqual((r.status, r.getheader("location")), (302, "http://elsewhere.test/"))

    def test_refusals_and_timeouts_are_os_errors_and_the_connection_recovers(self):
        refusal = ("lambdabox: network access to http://d.test is not allowed; allow it with "
                   "`--allow-net d.test:80` or add \"http://d.test\" to custom.lambdabox.allowedOutboundHosts")
        host = Host([{"type": "httpError", "message": refusal},
                     {"type": "httpError", "message": "request timed out after 100 ms"},
                     ok(200, [], b"fine", "http://d.test/")])
        lambdabox_http.install(host)
        import http.client

        conn = http.client.HTTPConnection("d.test", timeout=0.1)
        conn.request("GET", "/")
        with self.assertRaises(ConnectionRefusedError) as e:
            conn.getresponse()
        self.assertEqual((str(e.exception), e.exception.errno), (refusal, errno.ECONNREFUSED))
        conn.request("GET", "/")
        with self.assertRaises(TimeoutError):
            conn.getresponse()
        conn.close()
        conn.request("GET", "/")
        self.assertEqual(conn.getresponse().read(), b"fine")


class WithoutSsl(Patched):
    """The sandbox's CPython has no `ssl`: HTTPS still works, the host does TLS."""

    def test_https_connection_and_urlopen_exist_and_go_through_the_host(self):
        sys.modules["ssl"] = None  # `import ssl` fails, as in the sandbox
        host = Host([ok(200, [], b"one", "https://s.test/"), ok(200, [], b"two", "https://s.test/")])
        lambdabox_http.install(host)
        import http.client
        import urllib.request

        conn = http.client.HTTPSConnection("s.test", timeout=2)
        conn.request("GET", "/a")
        self.assertEqual(conn.getresponse().read(), b"one")
        self.assertEqual(urllib.request.urlopen("https://s.test/b").read(), b"two")
        self.assertEqual([m["url"] for m in host.sent], ["https://s.test:443/a", "https://s.test/b"])


class RawSockets(Patched):
    def test_connecting_resolving_and_new_sockets_fail_clearly(self):
        lambdabox_http.install(Host([]))
        import socket

        with self.assertRaises(ConnectionRefusedError) as e:
            socket.create_connection(("127.0.0.1", 9), timeout=2)
        self.assertTrue(str(e.exception).startswith("lambdabox: raw sockets are not available"))
        self.assertEqual(e.exception.errno, errno.ECONNREFUSED)
        self.assertIn("connect to 127.0.0.1:9", str(e.exception))
        self.assertIn("--allow-net", str(e.exception))
        with self.assertRaises(PermissionError) as e:
            socket.socket()
        self.assertIn("urllib.request or http.client", str(e.exception))
        with self.assertRaises(socket.gaierror):
            socket.getaddrinfo("example.com", 80)


if __name__ == "__main__":
    unittest.main()
