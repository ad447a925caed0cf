import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct RedactionTests {
    @Test(arguments: [
        ("https://user:token@host.example/simple/", "https://***@host.example/simple/"),
        ("https://token@host.example", "https://***@host.example"),
        ("http://a:b@127.0.0.1:8080/x?y=1#z", "http://***@127.0.0.1:8080/x?y=1#z"),
        ("https://u:p%40ss@host/x", "https://***@host/x"),
        ("https://u:p@ss@host/x", "https://***@host/x"),
        ("https://download.pytorch.org/whl/cu128", "https://download.pytorch.org/whl/cu128"),
        ("git+https://github.com/org/repo@v1.0", "git+https://github.com/org/repo@v1.0"),
        ("https://host/path?email=a@b.c", "https://host/path?email=a@b.c"),
        ("not a url", "not a url"),
    ])
    func redactURL(_ input: String, _ expected: String) {
        #expect(redact(input) == expected)
    }

    @Test func redactEveryURLInText() {
        let text = #"pip install --index-url https://me:s3cret@mirror.example/simple torch "http://x:y@h/" and https://ok.example/a@b"#
        let out = redactCredentials(in: text)
        #expect(out == #"pip install --index-url https://***@mirror.example/simple torch "http://***@h/" and https://ok.example/a@b"#)
    }

    @Test func errorDescriptionsNeverShowCredentials() {
        let u = "https://alice:hunter2@mirror.example/simple/torch/"
        let errors: [IndexError] = [
            .notFound(url: u), .unauthorized(url: u, status: 401, sentCredentials: true),
            .network(url: u, reason: "connection to https://alice:hunter2@mirror.example refused", attempts: 3),
            .unexpectedStatus(url: u, status: 418), .malformedResponse(url: u, reason: "bad"), .offline(url: u),
            .invalidURL(u), .hashMismatch(url: u, expected: "a", actual: "b"),
        ]
        for error in errors {
            let text = error.localizedDescription
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(text.contains("https://***@mirror.example"), "\(text)")
        }
        let event = IndexEvent.retry(url: u, reason: "https://alice:hunter2@x/", delay: 0.2)
        #expect(!event.description.contains("hunter2"))
        #expect(!BasicCredentials(username: "alice", password: "hunter2").description.contains("hunter2"))
    }
}

@Suite struct NetrcTests {
    @Test func machinesDefaultAndMacros() {
        let text = """
            # company mirror
            machine mirror.example.com login ci password "p@ss word"
            machine other.example
              login bob
              password b0b
            macdef init
            cd /pub
            machine evil.example login x password y

            default login anonymous password guest@
            """
        let netrc = Netrc.parse(text)
        #expect(netrc.credentials(forHost: "mirror.example.com") == BasicCredentials(username: "ci", password: "p@ss word"))
        #expect(netrc.credentials(forHost: "OTHER.example") == BasicCredentials(username: "bob", password: "b0b"))
        #expect(netrc.credentials(forHost: "evil.example") == BasicCredentials(username: "anonymous", password: "guest@"),
                "lines inside a macro body are not entries")
        #expect(netrc.credentials(forHost: "unknown.example") == BasicCredentials(username: "anonymous", password: "guest@"))
    }

    @Test func noPasswordNoCredentials() {
        let netrc = Netrc.parse("machine a.example login only")
        #expect(netrc.credentials(forHost: "a.example") == nil)
    }

    @Test(arguments: ["", "machine", "login x password", "\"unterminated", "macdef", "default default default"])
    func malformedNeverCrashes(_ text: String) {
        _ = Netrc.parse(text).credentials(forHost: "x")
    }

    @Test func pathFromEnvironment() {
        #expect(Netrc.path(environment: ["NETRC": "/etc/n", "HOME": "/home/u"]) == "/etc/n")
        #expect(Netrc.path(environment: ["HOME": "/home/u"]) == "/home/u/.netrc")
        #expect(Netrc.path(environment: [:]) == nil)
        let loaded = Netrc.load(environment: ["HOME": "/h"]) { $0 == "/h/.netrc" ? "machine m login l password p" : nil }
        #expect(loaded?.credentials(forHost: "m")?.password == "p")
    }

    @Test func basicAuthorizationHeader() {
        #expect(BasicCredentials(username: "Aladdin", password: "open sesame").authorizationHeader
            == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }
}
