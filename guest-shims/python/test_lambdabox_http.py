"""Tests of lambdabox_http with a stand-in host: `python3 -m unittest test_lambdabox_http`
in guest-shims/python (host CPython; the wire format is the stdio transport's)."""

import base64
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


class UrlopenThroughTheHost(unittest.TestCase):
    def setUp(self):
        sys.modules.pop("urllib.request", None)

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


if __name__ == "__main__":
    unittest.main()
